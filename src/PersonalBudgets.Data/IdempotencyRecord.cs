using Microsoft.EntityFrameworkCore;

namespace PersonalBudgets.Data;

/// <summary>
/// The first answer to an API POST sent with an <c>Idempotency-Key</c>, kept so that a retry of the same request is
/// answered with it instead of being applied again. Saved in the same transaction as the change the request made, so
/// a key is stored exactly when its change is. One per user and key; kept for <see cref="Lifetime"/>.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int KeyMaxLength = 200;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Key { get; set; } = "";

    /// <summary>SHA-256 (hex) of the method, the path and the body: the same key with another request is refused.</summary>
    public string Fingerprint { get; set; } = "";

    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public byte[] Body { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<IdempotencyRecord>(b =>
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Key).HasMaxLength(KeyMaxLength);
        b.Property(r => r.Fingerprint).HasMaxLength(64);
        b.Property(r => r.ContentType).HasMaxLength(200);
        b.Property(r => r.Location).HasMaxLength(500);
        // The unique index is what makes a concurrent duplicate lose: only one transaction can store the key.
        b.HasIndex(r => new { r.UserId, r.Key }).IsUnique();
        b.HasIndex(r => r.CreatedAt);
    });
}
