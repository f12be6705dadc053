using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace PersonalBudgets.Web.Features.People;

/// <summary>Reads the encrypted search token of a results link.</summary>
internal static class SearchToken
{
    /// <summary>The criteria in the token, or null when it does not decrypt or read.</summary>
    public static PersonSearchCriteria? Read(IDataProtector protector, string token)
    {
        try
        {
            return JsonSerializer.Deserialize<PersonSearchCriteria>(protector.Unprotect(token));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
