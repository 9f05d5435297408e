using System.Text;

namespace Actors.Api.Mobile;

/// <summary>Open edX's <c>CourseOverview.clean_id(padding_char='_')</c>: <c>course_</c> followed by the RFC 4648 base32
/// of the course key's UTF-8 bytes, with the padding <c>=</c> written as <c>_</c>. The apps use it as a notification topic.</summary>
internal static class SubscriptionId
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string For(string courseId)
    {
        var bytes = Encoding.UTF8.GetBytes(courseId);
        var text = new StringBuilder("course_", 7 + (bytes.Length + 4) / 5 * 8);
        for (var offset = 0; offset < bytes.Length; offset += 5)
        {
            var count = Math.Min(5, bytes.Length - offset);
            ulong group = 0;
            for (var i = 0; i < 5; i++)
                group = (group << 8) | (i < count ? bytes[offset + i] : 0UL);
            var characters = (count * 8 + 4) / 5; // 2, 4, 5, 7 or 8 characters carry data; the rest is padding
            for (var i = 0; i < 8; i++)
                text.Append(i < characters ? Alphabet[(int)((group >> (35 - i * 5)) & 31)] : '_');
        }

        return text.ToString();
    }
}
