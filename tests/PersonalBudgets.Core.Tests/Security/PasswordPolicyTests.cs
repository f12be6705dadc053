using PersonalBudgets.Core.Security;

namespace PersonalBudgets.Core.Tests.Security;

public sealed class PasswordPolicyTests
{
    private static readonly PasswordPolicy Policy = PasswordPolicy.Default;

    [Fact]
    public void Default_LoadsTheShippedListWithoutItsComments()
    {
        Policy.CommonPasswordCount.ShouldBeGreaterThan(3000);
        Policy.IsCommon("#!comment: This list has been compiled by Solar Designer of Openwall Project").ShouldBeFalse();
    }

    [Theory]
    [InlineData("Demo-password-2026")]
    [InlineData("correct horse battery staple")]
    [InlineData("tea cups and saucers")]
    [InlineData("kettle-lamp-orbit")]
    [InlineData("ÉtéàLondres!")]
    [InlineData("all lower case letters only")]
    public void Check_LongPasswordsAndPassphrasesWithoutCompositionRules_AreAccepted(string password) =>
        Policy.Check(password, "priya.shah@northmoor.example", "Priya Shah").ShouldBeEmpty();

    [Theory]
    [InlineData("Password1234")]
    [InlineData("PASSWORD1234!")]
    [InlineData("!!password123")]
    [InlineData("qwertyuiop12")]
    [InlineData("iloveyou2026")]
    [InlineData("letmein12345")]
    [InlineData("Welcome12345")]
    public void Check_CommonPasswordsWithDigitsOrSymbolsAdded_AreRefused(string password) =>
        Policy.Check(password).ShouldBe([PasswordPolicy.TooCommon]);

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("short pass")]
    [InlineData("elevenchars")]
    [InlineData("            ")]
    public void Check_ShorterThan12OrBlank_IsRefused(string? password) =>
        Policy.Check(password).ShouldBe([PasswordPolicy.TooShort]);

    [Fact]
    public void Check_12CharactersCountedAsPeopleSeeThem()
    {
        // Eleven letters and one accented letter written as two code units (e + combining acute).
        Policy.Check("teacupsbowle\u0301").ShouldBeEmpty();
        Policy.Check("teacupsbowl\u0301").ShouldBe([PasswordPolicy.TooShort]);
    }

    [Fact]
    public void Check_LongerThanTheMaximum_IsRefused()
    {
        Policy.Check(string.Concat(Enumerable.Repeat("river stone ", 21)) + "lakes").ShouldBe([PasswordPolicy.TooLong]);
        Policy.Check(string.Concat(Enumerable.Repeat("river stone ", 21)).TrimEnd()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("priya.shah-garden", "priya.shah@northmoor.example", "Someone Else")]
    [InlineData("my name is PRIYA!", "p.s@northmoor.example", "Priya Shah")]
    [InlineData("okafor tuesday walk", "tom@northmoor.example", "Tom Okafor")]
    [InlineData("tomokafor-rocks", "t@northmoor.example", "Tom Okafor")]
    public void Check_ContainingTheEmailOrName_IsRefused(string password, string email, string name) =>
        Policy.Check(password, email, name).ShouldContain(PasswordPolicy.Personal);

    [Fact]
    public void Check_ShortNamePartsAreNotLookedFor()
    {
        // "Tom" is in "tomato": refusing that would be noise, not security.
        Policy.Check("tomato soup lunch", "t.o@northmoor.example", "Tom Lee").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abababababab")]
    [InlineData("abcabcabcabcabc")]
    [InlineData("123456789012")]
    [InlineData("abcdefghijklm")]
    [InlineData("987654321098")]
    public void Check_RepeatsAndSequences_AreRefused(string password) =>
        Policy.Check(password).ShouldContain(PasswordPolicy.Trivial);

    [Fact]
    public void Check_UsesTheListItIsGiven_CaseInsensitively()
    {
        var policy = new PasswordPolicy(["Purple Monkey Dishwasher"]);
        policy.Check("purple monkey dishwasher").ShouldBe([PasswordPolicy.TooCommon]);
        policy.Check("PURPLE MONKEY DISHWASHER 99").ShouldBe([PasswordPolicy.TooCommon]);
        policy.Check("purple monkey dishwashers").ShouldBeEmpty();
    }
}
