using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Data.Projections;

/// <summary>
/// One row per team and person currently allocated to it (TeamAllocations with no EndedAt), with what the people search
/// needs to filter and order without reading People: a name search in one team reads only that team's rows. Kept exact
/// by database triggers (<see cref="TeamPeopleSearchSql"/>); the application only reads it.
/// </summary>
public sealed class TeamPersonSearch
{
    public Guid TeamId { get; private set; }
    public Guid PersonId { get; private set; }

    /// <summary>A copy of <see cref="Person.SearchName"/> (names in lower case).</summary>
    public string SearchName { get; private set; } = "";

    public string LegalLastName { get; private set; } = "";
    public string LegalFirstName { get; private set; } = "";
    public Guid? KeyWorkerId { get; private set; }

    public const string TableName = "TeamPeopleSearch";

    /// <summary>The team's rows in page order (legal last name, first name, person), for a list with no search text.</summary>
    public const string OrderIndexName = "IX_TeamPeopleSearch_TeamId_Name";

    internal static void Configure(ModelBuilder builder) => builder.Entity<TeamPersonSearch>(b =>
    {
        b.ToTable(TableName);
        // Person first: the triggers and the identifier/NHS number/postcode branch of a search find a person's rows by it.
        b.HasKey(s => new { s.PersonId, s.TeamId });
        b.Property(s => s.SearchName).HasMaxLength(320);
        b.Property(s => s.LegalLastName).HasMaxLength(PersonDetailsRules.NameMaxLength);
        b.Property(s => s.LegalFirstName).HasMaxLength(PersonDetailsRules.NameMaxLength);
        b.HasIndex([nameof(TeamId), nameof(LegalLastName), nameof(LegalFirstName), nameof(PersonId)], OrderIndexName);
    });
}
