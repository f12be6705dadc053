using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PersonalBudgets.Data.Reporting;

/// <summary>
/// A statutory return file as it was made (ADR 0028): the period, who made it and when, its row count, and the bytes
/// with their SHA-256, so the file downloaded later is exactly the file made. Returns are kept, never changed.
/// </summary>
public sealed class StatutoryReturn
{
    public const string ClientLevelData = "CLD";

    public Guid Id { get; set; }

    /// <summary>Which return: "CLD" (Client Level Data, Release 2).</summary>
    public string Kind { get; set; } = ClientLevelData;

    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public DateTimeOffset MadeAt { get; set; }
    public Guid MadeById { get; set; }
    public string MadeByName { get; set; } = "";
    public int RowCount { get; set; }
    public int IssueCount { get; set; }

    /// <summary>SHA-256 of <see cref="Content"/>, lower-case hex: equal hashes for the same period mean the same data.</summary>
    public string Sha256 { get; set; } = "";

    public byte[] Content { get; set; } = [];
}

internal sealed class StatutoryReturnConfiguration : IEntityTypeConfiguration<StatutoryReturn>
{
    public void Configure(EntityTypeBuilder<StatutoryReturn> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Kind).HasMaxLength(20);
        b.Property(r => r.MadeByName).HasMaxLength(200);
        b.Property(r => r.Sha256).HasMaxLength(64).IsFixedLength();
        b.HasIndex(r => new { r.Kind, r.PeriodEnd, r.MadeAt });
    }
}
