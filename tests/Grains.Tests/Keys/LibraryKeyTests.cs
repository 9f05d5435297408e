using Actors.Grains.Keys;

namespace Actors.Grains.Tests.Keys;

public sealed class LibraryKeyTests
{
    private const string Version = "519665f6223ebd6980884f2b";

    [Theory]
    [InlineData("library-v1:OpenedX+DemoRespiratoryQuestions", "OpenedX", "DemoRespiratoryQuestions", null, null)]
    [InlineData("library-v1:UniX+PhysicsProbs", "UniX", "PhysicsProbs", null, null)]
    [InlineData("library-v1:org+lib+branch@library", "org", "lib", "library", null)]
    [InlineData("library-v1:org+lib+version@" + Version, "org", "lib", null, Version)]
    [InlineData("library-v1:org+lib+branch@draft+version@" + Version, "org", "lib", "draft", Version)]
    [InlineData("library-v1:Ünï:x+lïb~.-_", "Ünï:x", "lïb~.-_", null, null)]
    public void Parse_Valid_ReadsPartsAndPrintsBack(string text, string org, string library, string? branch, string? version)
    {
        var key = LibraryKey.Parse(text);

        Assert.Equal((org, library, branch, version), (key.Org, key.Library, key.Branch, key.VersionGuid));
        Assert.Equal(text, key.ToString());
        Assert.Equal<LearningContextKey>(key, LearningContextKey.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("library-v1:")]
    [InlineData("library-v1:org")]
    [InlineData("library-v1:org+")]
    [InlineData("library-v1:+lib")]
    [InlineData("library-v1:org++lib")]
    [InlineData("library-v1:org+lib+")]
    [InlineData("library-v1:org+lib+run")]
    [InlineData("library-v1:org+lib+type@problem+block@p1")]
    [InlineData("library-v1:org+lib+ccx@1")]
    [InlineData("library-v1:version@" + Version)]
    [InlineData("library-v1:org+lib+version@" + Version + "+branch@draft")]
    [InlineData("library-v1:org+lib+version@519665F6223EBD6980884F2B")]
    [InlineData("library-v1:org+lib+Branch@draft")]
    [InlineData("library-v1:org+lib ")]
    [InlineData("library-v1:org+lib\n")]
    [InlineData(" library-v1:org+lib")]
    [InlineData("library-v1:org+li b")]
    [InlineData("library-v1:org+lib%20x")]
    [InlineData("library-v1:org+lib@x")]
    [InlineData("library-v1:org+l\u00AEb")]
    [InlineData("Library-v1:org+lib")]
    [InlineData("LIBRARY-V1:org+lib")]
    [InlineData("library-v2:org+lib")]
    [InlineData("org/lib/run")]
    [InlineData("org+lib")]
    [InlineData("course-v1:org+lib+run")]
    [InlineData("lib:org:lib")]
    [InlineData("lib-block-v1:org+lib+type@problem+block@p1")]
    public void Parse_Invalid_ThrowsInvalidKeyException(string text)
    {
        var error = Assert.Throws<InvalidKeyException>(() => LibraryKey.Parse(text));

        Assert.Equal((text, KeyKind.Library), (error.Key, error.KeyKind));
        Assert.Contains("is not a valid v1 library key: ", error.Message);
        Assert.False(LibraryKey.TryParse(text, out _));
    }

    [Theory]
    [InlineData("lib-block-v1:OpenedX+DemoRespiratoryQuestions+type@problem+block@0895f1b6c0b329e50b90", "library-v1:OpenedX+DemoRespiratoryQuestions", "problem", "0895f1b6c0b329e50b90")]
    [InlineData("lib-block-v1:org+lib+branch@b+version@" + Version + "+type@problem+block@p:1~x", "library-v1:org+lib+branch@b+version@" + Version, "problem", "p:1~x")]
    [InlineData("lib-block-v1:Ünï+lïb+type@vidéo+block@ñame", "library-v1:Ünï+lïb", "vidéo", "ñame")]
    public void ParseUsage_Valid_ReadsLibraryTypeAndId(string text, string library, string blockType, string blockId)
    {
        var key = LibraryUsageKey.Parse(text);

        Assert.Equal(LibraryKey.Parse(library), key.LibraryKey);
        Assert.Equal((blockType, blockId), (key.BlockType, key.BlockId));
        Assert.Equal(text, key.ToString());
        Assert.Equal(key, key.LibraryKey.MakeUsageKey(blockType, blockId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("lib-block-v1:")]
    [InlineData("lib-block-v1:org+lib")]
    [InlineData("lib-block-v1:org+lib+block@p1")]
    [InlineData("lib-block-v1:org+lib+type@problem")]
    [InlineData("lib-block-v1:org+lib+run+type@problem+block@p1")]
    [InlineData("lib-block-v1:org+type@problem+block@p1")]
    [InlineData("lib-block-v1:org+lib+type@problem+block@p%201")]
    [InlineData("lib-block-v1:org+lib+type@problem+block@p1 ")]
    [InlineData("lib-block-v1:org+lib+type@problem+block@p1\n")]
    [InlineData("lib-block-v1:org+lib+type@problem+block@p1+")]
    [InlineData("lib-block-v1:org+lib+block@p1+type@problem")]
    [InlineData("lib-block-v1:org+lib+type@problem+block@")]
    [InlineData("lib-block-v1:version@" + Version + "+type@problem+block@p1")]
    [InlineData("Lib-block-v1:org+lib+type@problem+block@p1")]
    [InlineData("lib-block-v1:org+lib+TYPE@problem+block@p1")]
    [InlineData("block-v1:org+lib+run+type@problem+block@p1")]
    [InlineData("lb:org:lib:problem:p1")]
    [InlineData("library-v1:org+lib")]
    public void ParseUsage_Invalid_ThrowsInvalidKeyException(string text)
    {
        var error = Assert.Throws<InvalidKeyException>(() => LibraryUsageKey.Parse(text));

        Assert.Equal((text, KeyKind.LibraryUsage), (error.Key, error.KeyKind));
        Assert.False(LibraryUsageKey.TryParse(text, out _));
    }

    [Theory]
    [InlineData("problem", "p%1")]
    [InlineData("prob lem", "p1")]
    [InlineData("problem", "")]
    public void MakeUsageKey_InvalidTypeOrId_ThrowsInvalidKeyException(string blockType, string blockId) =>
        Assert.Throws<InvalidKeyException>(() => LibraryKey.Parse("library-v1:org+lib").MakeUsageKey(blockType, blockId));

    [Fact]
    public void Equality_ByValue_AndNeverEqualToACourse()
    {
        Assert.Equal(LibraryKey.Parse("library-v1:org+lib"), LibraryKey.Parse("library-v1:org+lib"));
        Assert.Equal(LibraryKey.Parse("library-v1:org+lib").GetHashCode(), LibraryKey.Parse("library-v1:org+lib").GetHashCode());
        Assert.NotEqual(LibraryKey.Parse("library-v1:org+lib"), LibraryKey.Parse("library-v1:org+lib+branch@library"));
        Assert.NotEqual<LearningContextKey>(LibraryKey.Parse("library-v1:org+lib"), LearningContextKey.Parse("lib:org:lib"));
        Assert.Equal(
            LibraryUsageKey.Parse("lib-block-v1:org+lib+type@problem+block@p1"),
            LibraryUsageKey.Parse("lib-block-v1:org+lib+type@problem+block@p1"));
        Assert.NotEqual(
            LibraryUsageKey.Parse("lib-block-v1:org+lib+type@problem+block@p1"),
            LibraryUsageKey.Parse("lib-block-v1:org+lib+type@problem+block@p2"));
    }
}
