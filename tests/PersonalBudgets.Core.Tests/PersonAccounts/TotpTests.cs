using System.Security.Cryptography;
using System.Text;
using PersonalBudgets.Core.PersonAccounts;

namespace PersonalBudgets.Core.Tests.PersonAccounts;

public sealed class TotpTests
{
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    /// <summary>RFC 6238 appendix B: every test vector (8 digits, 30-second steps, T0 = 0).</summary>
    [Theory]
    [InlineData(59L, "SHA1", "94287082")]
    [InlineData(59L, "SHA256", "46119246")]
    [InlineData(59L, "SHA512", "90693936")]
    [InlineData(1111111109L, "SHA1", "07081804")]
    [InlineData(1111111109L, "SHA256", "68084774")]
    [InlineData(1111111109L, "SHA512", "25091201")]
    [InlineData(1111111111L, "SHA1", "14050471")]
    [InlineData(1111111111L, "SHA256", "67062674")]
    [InlineData(1111111111L, "SHA512", "99943326")]
    [InlineData(1234567890L, "SHA1", "89005924")]
    [InlineData(1234567890L, "SHA256", "91819424")]
    [InlineData(1234567890L, "SHA512", "93441116")]
    [InlineData(2000000000L, "SHA1", "69279037")]
    [InlineData(2000000000L, "SHA256", "90698825")]
    [InlineData(2000000000L, "SHA512", "38618901")]
    [InlineData(20000000000L, "SHA1", "65353130")]
    [InlineData(20000000000L, "SHA256", "77737706")]
    [InlineData(20000000000L, "SHA512", "47863826")]
    public void Compute_MatchesTheRfc6238TestVectors(long unixSeconds, string algorithm, string expected)
    {
        var (seed, name) = algorithm switch
        {
            "SHA256" => (Sha256Seed, HashAlgorithmName.SHA256),
            "SHA512" => (Sha512Seed, HashAlgorithmName.SHA512),
            _ => (Sha1Seed, HashAlgorithmName.SHA1),
        };

        Totp.Compute(seed, DateTimeOffset.FromUnixTimeSeconds(unixSeconds), digits: 8, algorithm: name).ShouldBe(expected);
    }

    [Fact]
    public void Compute_WithSixDigits_IsTheLastSixOfTheRfcVector()
    {
        // The same truncation modulo 10^6: authenticator apps' 6-digit code for the RFC's SHA-1 vector at T = 59.
        Totp.Compute(Sha1Seed, DateTimeOffset.FromUnixTimeSeconds(59)).ShouldBe("287082");
    }

    [Theory]
    [InlineData(-30, true)]
    [InlineData(0, true)]
    [InlineData(30, true)]
    [InlineData(-60, false)]
    [InlineData(60, false)]
    public void Verify_AcceptsOneStepEitherSideOnly(int offsetSeconds, bool accepted)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_010);
        var code = Totp.Compute(Sha1Seed, now.AddSeconds(offsetSeconds));

        (Totp.Verify(Sha1Seed, code, now) is not null).ShouldBe(accepted);
    }

    [Fact]
    public void Verify_RefusesACodeFromAStepAlreadyUsed()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_010);
        var code = Totp.Compute(Sha1Seed, now);
        var step = Totp.Verify(Sha1Seed, code, now).ShouldNotBeNull();

        Totp.Verify(Sha1Seed, code, now, lastUsedStep: step).ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void Verify_RefusesTextThatIsNotSixDigits(string? code) =>
        Totp.Verify(Sha1Seed, code, DateTimeOffset.FromUnixTimeSeconds(59)).ShouldBeNull();

    [Fact]
    public void Verify_AcceptsSpacesInTheCode()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(59);
        var code = Totp.Compute(Sha1Seed, now);

        Totp.Verify(Sha1Seed, code[..3] + " " + code[3..], now).ShouldNotBeNull();
    }

    [Fact]
    public void Base32_RoundTripsAndMatchesRfc4648()
    {
        Base32.Encode(Encoding.ASCII.GetBytes("foobar")).ShouldBe("MZXW6YTBOI");
        Base32.Decode("MZXW6YTBOI").ShouldBe(Encoding.ASCII.GetBytes("foobar"));
        var secret = Totp.NewSecret();
        Base32.Decode(Base32.Encode(secret)).ShouldBe(secret);
    }

    [Fact]
    public void KeyUri_IsTheOtpauthFormatWithTheKey()
    {
        var uri = Totp.KeyUri("Personal budgets", "a@example.com", Sha1Seed);

        uri.ShouldStartWith("otpauth://totp/Personal%20budgets:a%40example.com?secret=" + Base32.Encode(Sha1Seed));
        uri.ShouldContain("digits=6");
        uri.ShouldContain("period=30");
    }
}
