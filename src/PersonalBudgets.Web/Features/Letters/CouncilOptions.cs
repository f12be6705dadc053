namespace PersonalBudgets.Web.Features.Letters;

/// <summary>
/// The council that runs the service, as its letters to the person show it (configuration section "Council"): its
/// name and address, and how to contact its teams (one phone number and email address for all, unless a team has its
/// own under Teams, by the team's name).
/// </summary>
public sealed class CouncilOptions
{
    public const string Section = "Council";

    public string Name { get; set; } = "";

    public List<string> Address { get; set; } = [];

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public Dictionary<string, TeamContact> Teams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How to contact a team: its own details where configured, else the council's.</summary>
    public TeamContact ContactFor(string? teamName) =>
        teamName is not null && Teams.TryGetValue(teamName, out var own)
            ? new TeamContact { Phone = own.Phone ?? Phone, Email = own.Email ?? Email }
            : new TeamContact { Phone = Phone, Email = Email };
}

public sealed class TeamContact
{
    public string? Phone { get; set; }

    public string? Email { get; set; }
}
