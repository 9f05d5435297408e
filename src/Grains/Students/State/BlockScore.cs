namespace Actors.Grains.Students.State;

/// <summary>A learner's score of one block, as stored with its state (<c>student_module.grade</c>/<c>max_grade</c>).</summary>
/// <param name="BlockKey">The usage key.</param>
/// <param name="Grade">Raw points earned.</param>
/// <param name="MaxGrade">Raw points possible.</param>
/// <param name="Modified">When the block's state was last written.</param>
[GenerateSerializer, Immutable, Alias("actors.BlockScore")]
public sealed record BlockScore(string BlockKey, double Grade, double MaxGrade, DateTimeOffset Modified);
