using System.Globalization;
using System.Security.Cryptography;

namespace PersonalBudgets.Core.PersonAccounts;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP), as authenticator apps make them: HMAC-SHA-1, a
/// 30-second step, 6 digits. A code is accepted for the step before and after as well (clock drift), and never twice:
/// the caller keeps the last step used and passes it back.
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    /// <summary>Steps either side of now that are still accepted.</summary>
    public const int Window = 1;

    /// <summary>Secret length in bytes (160 bits, as RFC 4226 recommends).</summary>
    public const int SecretBytes = 20;

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The code for the step that contains <paramref name="at"/>.</summary>
    public static string Compute(byte[] secret, DateTimeOffset at, int digits = Digits, HashAlgorithmName? algorithm = null) =>
        ComputeForStep(secret, StepAt(at), digits, algorithm);

    public static string ComputeForStep(byte[] secret, long step, int digits = Digits, HashAlgorithmName? algorithm = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var alg = algorithm ?? HashAlgorithmName.SHA1;
        byte[] hash = alg == HashAlgorithmName.SHA256 ? HMACSHA256.HashData(secret, counter)
            : alg == HashAlgorithmName.SHA512 ? HMACSHA512.HashData(secret, counter)
            // HMAC-SHA-1 is what RFC 6238 and authenticator apps use; HMAC (unlike plain SHA-1) is not weakened by SHA-1's collisions.
#pragma warning disable CA5350
            : HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        var modulo = (int)Math.Pow(10, digits);
        return (binary % modulo).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The step the code matches within the window around <paramref name="now"/>, or null. A step at or before
    /// <paramref name="lastUsedStep"/> is refused, so a code seen over someone's shoulder cannot be used again.
    /// </summary>
    public static long? Verify(byte[] secret, string? code, DateTimeOffset now, long? lastUsedStep = null)
    {
        var digits = Normalise(code);
        if (digits is null)
        {
            return null;
        }

        var current = StepAt(now);
        for (var step = current - Window; step <= current + Window; step++)
        {
            if (lastUsedStep is { } used && step <= used)
            {
                continue;
            }

            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(ComputeForStep(secret, step)), System.Text.Encoding.ASCII.GetBytes(digits)))
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>The code without spaces or dashes if it is 6 digits, else null.</summary>
    public static string? Normalise(string? code)
    {
        var digits = new string((code ?? "").Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>The otpauth:// URI authenticator apps read (Google Authenticator's key URI format).</summary>
    public static string KeyUri(string issuer, string accountName, byte[] secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(accountName)}?secret={Base32.Encode(secret)}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
}

/// <summary>RFC 4648 base 32, as authenticator apps take secrets (upper case, no padding).</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var output = new System.Text.StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            output.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return output.ToString();
    }

    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var output = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("Not base 32.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)((buffer >> (bits - 8)) & 0xff));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
