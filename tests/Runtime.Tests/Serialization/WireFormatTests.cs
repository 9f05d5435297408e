using System.Buffers;
using Actors.Runtime.Invocation;
using Actors.Runtime.Serialization;

namespace Actors.Runtime.Tests.Serialization;

public sealed class WireFormatTests
{
    public static TheoryData<string?> Texts => new() { null, "", "a", "Über € 𝄞", new string('x', 200), new string('é', 70_000) };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Strings_RoundTrip_KeepingNullApartFromEmpty(string? text)
    {
        Assert.Equal(text, WireFormat.FromBytes<string?>(WireFormat.ToBytes(text)));
    }

    [Fact]
    public void Scalars_RoundTrip_AtTheirEdges()
    {
        foreach (var value in new[] { int.MinValue, -1, 0, 1, int.MaxValue })
            Assert.Equal(value, RoundTrip(value));
        foreach (var value in new[] { long.MinValue, -1L, 0L, long.MaxValue })
            Assert.Equal(value, RoundTrip(value));
        foreach (var value in new[] { double.NegativeInfinity, -0.0, double.Epsilon, Math.PI, double.MaxValue })
            Assert.Equal(value, RoundTrip(value));
        Assert.True(double.IsNaN(RoundTrip(double.NaN)));
        Assert.True(RoundTrip(true));
        Assert.False(RoundTrip(false));
        Assert.Equal(TimeSpan.MinValue, RoundTrip(TimeSpan.MinValue));
        Assert.Equal(TimeSpan.FromTicks(123_456_789), RoundTrip(TimeSpan.FromTicks(123_456_789)));
        var id = Guid.NewGuid();
        Assert.Equal(id, RoundTrip(id));
    }

    [Fact]
    public void ScalarsAndNoResult_TakeTheirFixedSize()
    {
        Assert.Empty(WireFormat.ToBytes(default(NoResult)));
        Assert.Single(WireFormat.ToBytes(true));
        Assert.Equal(4, WireFormat.ToBytes(7).Length);
        Assert.Equal(8, WireFormat.ToBytes(7L).Length);
        Assert.Equal(16, WireFormat.ToBytes(Guid.NewGuid()).Length);
        Assert.Equal([0x00, 0x00, 0x01, 0x02], WireFormat.ToBytes(258)); // big-endian, as the frame header
    }

    [Fact]
    public void OtherTypes_CrossAsLengthPrefixedJson()
    {
        var value = new Sample("course-v1:Org+X+1", [1, 2, 3], null, DayOfWeek.Friday);

        var bytes = WireFormat.ToBytes(value);
        var back = WireFormat.FromBytes<Sample>(bytes);

        Assert.Equal(bytes.Length - 1, bytes[0]); // one length byte, then the JSON
        Assert.Equal((byte)'{', bytes[1]);
        Assert.Equal(value.Key, back.Key);
        Assert.Equal(value.Scores, back.Scores);
        Assert.Null(back.Grade);
        Assert.Equal(DayOfWeek.Friday, back.Day);
        Assert.Equal(5, RoundTrip<int?>(5));
        Assert.Null(RoundTrip<int?>(null));
    }

    [Fact]
    public void ValuesInARow_ReadBackInOrder()
    {
        var output = new ArrayBufferWriter<byte>();
        WireFormat.Write(output, "first");
        WireFormat.Write(output, 42);
        WireFormat.Write<string?>(output, null);
        WireFormat.Write(output, new List<string> { "a" });

        var reader = new WireReader(output.WrittenSpan);

        Assert.Equal("first", WireFormat.Read<string>(ref reader));
        Assert.Equal(42, WireFormat.Read<int>(ref reader));
        Assert.Null(WireFormat.Read<string?>(ref reader));
        Assert.Equal(["a"], WireFormat.Read<List<string>>(ref reader));
        Assert.True(reader.IsAtEnd);
    }

    public static TheoryData<byte[], string> BadInt32s => new()
    {
        { [0, 0, 1], "needs 4 more bytes" },
        { [0, 0, 0, 1, 9], "1 bytes follow" },
    };

    [Theory]
    [MemberData(nameof(BadInt32s))]
    public void ShortOrLongBytes_AreAFormatErrorSayingWhy(byte[] bytes, string expected)
    {
        var error = Assert.Throws<FormatException>(() => WireFormat.FromBytes<int>(bytes));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedValues_AreFormatErrors()
    {
        Assert.Throws<FormatException>(() => WireFormat.FromBytes<bool>([2]));
        Assert.Throws<FormatException>(() => WireFormat.FromBytes<string>([0x7F, (byte)'a'])); // length past the end
        Assert.Throws<FormatException>(() => WireFormat.FromBytes<string>([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])); // 6-byte length
        Assert.Throws<FormatException>(() => WireFormat.FromBytes<string>([0xFF, 0xFF, 0xFF, 0xFF, 0x0F])); // past int.MaxValue
        Assert.Throws<FormatException>(() => WireFormat.FromBytes<Sample>([3, (byte)'{', (byte)'x', (byte)'}'])); // not JSON
        Assert.Throws<FormatException>(() => WireFormat.FromBytes<string>([]));
    }

    private static T RoundTrip<T>(T value) => WireFormat.FromBytes<T>(WireFormat.ToBytes(value));

    public sealed record Sample(string Key, int[] Scores, int? Grade, DayOfWeek Day);
}
