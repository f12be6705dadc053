using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Tests.People;

public sealed class PostcodeTests
{
    [Theory]
    [InlineData("LS1 4AP", "LS1 4AP")]
    [InlineData("ls14ap", "LS1 4AP")]
    [InlineData("  ls1   4ap ", "LS1 4AP")]
    [InlineData("sw1a1aa", "SW1A 1AA")]
    [InlineData("M1 1AE", "M1 1AE")]
    [InlineData("B338TH", "B33 8TH")]
    [InlineData("CR2 6XH", "CR2 6XH")]
    [InlineData("DN55 1PT", "DN55 1PT")]
    [InlineData("gir0aa", "GIR 0AA")]
    public void TryNormalise_WhenValid_UpperCasesWithOneSpaceBeforeTheInwardCode(string input, string expected)
    {
        Postcode.TryNormalise(input, out var normalised).ShouldBeTrue();
        normalised.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("LS1")]
    [InlineData("LS1 4A")]
    [InlineData("12345")]
    [InlineData("NOT A POSTCODE")]
    [InlineData("LS1 4AP X")]
    [InlineData("1LS 4AP")]
    public void TryNormalise_WhenInvalid_ReturnsFalse(string? input)
    {
        Postcode.TryNormalise(input, out var normalised).ShouldBeFalse();
        normalised.ShouldBe("");
    }
}
