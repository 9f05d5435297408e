using Actors.Grains.Keys;

namespace Actors.Grains.Tests.Keys;

public sealed class LibraryV2KeyTests
{
    [Theory]
    [InlineData("lib:OpenedX:demo-lib", "OpenedX", "demo-lib")]
    [InlineData("lib:MITx:reallyhardproblems", "MITx", "reallyhardproblems")]
    [InlineData("lib:hogwarts:p300-potions-exercises", "hogwarts", "p300-potions-exercises")]
    [InlineData("lib:org_1.-:slug_1.-", "org_1.-", "slug_1.-")]
    [InlineData("lib:A:b", "A", "b")]
    [InlineData("lib:org:ünïcødé-ßlug", "org", "ünïcødé-ßlug")]
    [InlineData("lib:org:Ⅻ²٣", "org", "Ⅻ²٣")]
    [InlineData("lib:org:図書館", "org", "図書館")]
    public void Parse_Valid_ReadsOrgAndSlug(string text, string org, string slug)
    {
        var key = LibraryV2Key.Parse(text);

        Assert.Equal((org, slug), (key.Org, key.Slug));
        Assert.Equal(text, key.ToString());
        Assert.Equal<LearningContextKey>(key, LearningContextKey.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("lib:")]
    [InlineData("lib:org")]
    [InlineData("lib:org:")]
    [InlineData("lib::slug")]
    [InlineData("lib:org:slug:extra")]
    [InlineData("lib:org:sl:ug")]
    [InlineData("lib:orgé:slug")]
    [InlineData("lib:org\u0663:slug")]
    [InlineData("lib:org:sl~ug")]
    [InlineData("lib:org:sl+ug")]
    [InlineData("lib:org:sl@ug")]
    [InlineData("lib:org:sl ug")]
    [InlineData("lib:org:sl%20ug")]
    [InlineData("lib:o rg:slug")]
    [InlineData("lib:org:slug ")]
    [InlineData(" lib:org:slug")]
    [InlineData("lib:org:slug\n")]
    [InlineData("lib:org\n:slug")]
    [InlineData("lib:org:slug\r\n")]
    [InlineData("lib:org:e\u0301")]
    [InlineData("lib:org:\U0001F600")]
    [InlineData("Lib:org:slug")]
    [InlineData("LIB:org:slug")]
    [InlineData("lib-v2:org:slug")]
    [InlineData("library-v1:org+slug")]
    [InlineData("lb:org:slug:problem:p1")]
    [InlineData("lib-collection:org:slug:col1")]
    [InlineData("lct:org:slug:unit:u1")]
    public void Parse_Invalid_ThrowsInvalidKeyException(string text)
    {
        var error = Assert.Throws<InvalidKeyException>(() => LibraryV2Key.Parse(text));

        Assert.Equal((text, KeyKind.LibraryV2), (error.Key, error.KeyKind));
        Assert.Contains("is not a valid v2 library key: ", error.Message);
        Assert.False(LibraryV2Key.TryParse(text, out _));
    }

    [Theory]
    [InlineData("lb:MITx:reallyhardproblems:problem:problem1", "lib:MITx:reallyhardproblems", "problem", "problem1")]
    [InlineData("lb:OpenedX:demo-lib:html:intro.1", "lib:OpenedX:demo-lib", "html", "intro.1")]
    [InlineData("lb:org:lib:drag-and-drop-v2:ünï-id", "lib:org:lib", "drag-and-drop-v2", "ünï-id")]
    [InlineData("lb:org:lib:problem:\u0663", "lib:org:lib", "problem", "\u0663")]
    [InlineData("lb:o.r-g_:l.i-b_:t.y-p_e:i.d-_", "lib:o.r-g_:l.i-b_", "t.y-p_e", "i.d-_")]
    public void ParseBlock_Valid_ReadsLibraryTypeAndId(string text, string library, string blockType, string blockId)
    {
        var key = LibraryV2BlockKey.Parse(text);

        Assert.Equal(LibraryV2Key.Parse(library), key.LibraryKey);
        Assert.Equal((blockType, blockId), (key.BlockType, key.BlockId));
        Assert.Equal(text, key.ToString());
        Assert.Equal(key, key.LibraryKey.MakeUsageKey(blockType, blockId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("lb:")]
    [InlineData("lb:org:lib:problem")]
    [InlineData("lb:org:lib:problem:p1:extra")]
    [InlineData("lb:org:lib:problem:")]
    [InlineData("lb:org:lib::p1")]
    [InlineData("lb:org::problem:p1")]
    [InlineData("lb::lib:problem:p1")]
    [InlineData("lb:org:lib:prøblem:p1")]
    [InlineData("lb:org:lib:problem:p~1")]
    [InlineData("lb:org:lib:problem:p 1")]
    [InlineData("lb:org:lib:problem:p@1")]
    [InlineData("lb:org:lib:problem:p+1")]
    [InlineData("lb:org:lib:problem:p%201")]
    [InlineData("lb:org:lib:problem:p1\n")]
    [InlineData("lb:org:lib:problem\n:p1")]
    [InlineData("lb:org:lib:problem:p1 ")]
    [InlineData("lb:orgé:lib:problem:p1")]
    [InlineData("LB:org:lib:problem:p1")]
    [InlineData("Lb:org:lib:problem:p1")]
    [InlineData("lib:org:lib")]
    [InlineData("lct:org:lib:unit:u1")]
    [InlineData("block-v1:org+lib+run+type@problem+block@p1")]
    public void ParseBlock_Invalid_ThrowsInvalidKeyException(string text)
    {
        var error = Assert.Throws<InvalidKeyException>(() => LibraryV2BlockKey.Parse(text));

        Assert.Equal((text, KeyKind.LibraryV2Block), (error.Key, error.KeyKind));
        Assert.False(LibraryV2BlockKey.TryParse(text, out _));
    }

    [Theory]
    [InlineData("prøblem", "p1")]
    [InlineData("problem", "p:1")]
    [InlineData("problem", "")]
    public void MakeUsageKey_InvalidTypeOrId_ThrowsInvalidKeyException(string blockType, string blockId) =>
        Assert.Throws<InvalidKeyException>(() => LibraryV2Key.Parse("lib:org:lib").MakeUsageKey(blockType, blockId));

    [Fact]
    public void Equality_ByValue()
    {
        Assert.Equal(LibraryV2Key.Parse("lib:org:lib"), LibraryV2Key.Parse("lib:org:lib"));
        Assert.Equal(LibraryV2Key.Parse("lib:org:lib").GetHashCode(), LibraryV2Key.Parse("lib:org:lib").GetHashCode());
        Assert.NotEqual(LibraryV2Key.Parse("lib:org:lib"), LibraryV2Key.Parse("lib:org:Lib"));
        Assert.Equal(LibraryV2BlockKey.Parse("lb:org:lib:problem:p1"), LibraryV2BlockKey.Parse("lb:org:lib:problem:p1"));
        Assert.Equal(LibraryV2BlockKey.Parse("lb:org:lib:problem:p1").GetHashCode(), LibraryV2BlockKey.Parse("lb:org:lib:problem:p1").GetHashCode());
        Assert.NotEqual(LibraryV2BlockKey.Parse("lb:org:lib:problem:p1"), LibraryV2BlockKey.Parse("lb:org:lib:html:p1"));
    }
}
