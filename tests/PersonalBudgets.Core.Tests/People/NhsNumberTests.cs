using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Tests.People;

public sealed class NhsNumberTests
{
    [Theory]
    [InlineData("9434765919", "9434765919")]
    [InlineData("943 476 5919", "9434765919")]
    [InlineData("943-476-5919", "9434765919")]
    [InlineData(" 943 476 5919 ", "9434765919")]
    [InlineData("9990000018", "9990000018")]
    public void TryParse_WhenValid_ReturnsTheTenDigits(string input, string expected)
    {
        NhsNumber.TryParse(input, out var nhs).ShouldBeTrue();
        nhs.Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("9434765918", "wrong check digit")]
    [InlineData("9434765910", "wrong check digit")]
    [InlineData("943476591", "9 digits")]
    [InlineData("94347659190", "11 digits")]
    [InlineData("94347659AB", "letters")]
    [InlineData("A434765919", "letters")]
    [InlineData("943.476.5919", "other separators")]
    [InlineData("", "empty")]
    [InlineData("   ", "blank")]
    [InlineData(null, "missing")]
    public void TryParse_WhenInvalid_ReturnsFalse(string? input, string why)
    {
        NhsNumber.TryParse(input, out _).ShouldBeFalse(why);
    }

    [Theory]
    [InlineData("123456789")]
    [InlineData("999000000")]
    public void TryParse_WhenTheCheckDigitWouldBeTen_RejectsEveryLastDigit(string firstNine)
    {
        // 11 - (weighted sum mod 11) is 10 for these prefixes: no valid NHS number starts with them.
        for (var last = 0; last <= 9; last++)
        {
            NhsNumber.TryParse(firstNine + last, out _).ShouldBeFalse($"{firstNine}{last}");
            NhsNumber.HasValidCheckDigit(firstNine + last).ShouldBeFalse();
        }
    }

    [Fact]
    public void CheckDigit_WhenElevenMeansZero_IsAccepted()
    {
        // Weighted sum of 100000000 is 10: 11 - 10 = 1. Of 000000000 it is 0: 11 - 0 = 11, which means 0.
        NhsNumber.HasValidCheckDigit("0000000000").ShouldBeTrue();
        NhsNumber.HasValidCheckDigit("1000000001").ShouldBeTrue();
    }

    [Fact]
    public void Formatted_IsThreeThreeFour()
    {
        NhsNumber.Parse("9434765919").Formatted.ShouldBe("943 476 5919");
        NhsNumber.Parse("943-476-5919").ToString().ShouldBe("943 476 5919");
    }

    [Fact]
    public void Parse_WhenInvalid_Throws()
    {
        Should.Throw<FormatException>(() => NhsNumber.Parse("9434765918"));
    }
}
