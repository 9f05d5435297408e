// Brings MapEnrollments into Program.cs without touching its using block.
global using Actors.Api.Enrollments;
