using System.Globalization;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Staff;
using Staff = PersonalBudgets.Core.Staff;

namespace PersonalBudgets.Web.Features.Work;

/// <summary>Whose work a Team work list holds.</summary>
public enum TeamWorkOwner { Anyone, Member, NoOwner, OutsideTheTeams }

/// <summary>Which of the open work a Team work list holds: all of it, the overdue, or what is due in the next 7 days.</summary>
public enum TeamWorkDue { Open, Overdue, DueThisWeek }

/// <summary>
/// The list of Team work behind a count, as its address says it: <c>owner</c> (a member's id, "none" or "outside"),
/// <c>profession</c> (of the owner) and <c>due</c> ("open", "overdue" or "week").
/// </summary>
public sealed record TeamWorkFilter(TeamWorkOwner Owner, Guid? OwnerId, Profession? Profession, TeamWorkDue Due)
{
    public const string NoOwnerKey = "none";
    public const string OutsideKey = "outside";

    public static readonly TeamWorkFilter All = new(TeamWorkOwner.Anyone, null, null, TeamWorkDue.Open);

    /// <summary>Reads the filter from the query string's words, with an error naming each that is not one of them.</summary>
    public static TeamWorkFilter Parse(string? owner, string? profession, string? due, List<FieldError> errors)
    {
        var (kind, ownerId) = owner?.Trim() switch
        {
            null or "" => (TeamWorkOwner.Anyone, (Guid?)null),
            NoOwnerKey => (TeamWorkOwner.NoOwner, null),
            OutsideKey => (TeamWorkOwner.OutsideTheTeams, null),
            var o when Guid.TryParse(o, out var id) && id != Guid.Empty => (TeamWorkOwner.Member, id),
            _ => (TeamWorkOwner.Anyone, null),
        };
        if (kind == TeamWorkOwner.Anyone && !string.IsNullOrWhiteSpace(owner))
        {
            errors.Add(new FieldError("owner", "Choose whose work to list: a member of staff, \"none\" or \"outside\""));
        }

        Profession? prof = null;
        if (!string.IsNullOrWhiteSpace(profession))
        {
            if (Enum.TryParse<Profession>(profession.Trim(), ignoreCase: true, out var p) && Enum.IsDefined(p) && !int.TryParse(profession, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                prof = p;
            }
            else
            {
                errors.Add(new FieldError("profession", "Choose a profession from the list"));
            }
        }

        var when = due?.Trim().ToLowerInvariant() switch
        {
            null or "" or "open" => TeamWorkDue.Open,
            "overdue" => TeamWorkDue.Overdue,
            "week" => TeamWorkDue.DueThisWeek,
            _ => (TeamWorkDue?)null,
        };
        if (when is null)
        {
            errors.Add(new FieldError("due", "Choose \"open\", \"overdue\" or \"week\""));
        }

        return new TeamWorkFilter(kind, ownerId, prof, when ?? TeamWorkDue.Open);
    }

    /// <summary>The filter's words for an address (the same that <see cref="Parse"/> reads).</summary>
    public string? OwnerKey => Owner switch
    {
        TeamWorkOwner.Member => OwnerId.ToString(),
        TeamWorkOwner.NoOwner => NoOwnerKey,
        TeamWorkOwner.OutsideTheTeams => OutsideKey,
        _ => null,
    };

    public string DueKey => Due switch { TeamWorkDue.Overdue => "overdue", TeamWorkDue.DueThisWeek => "week", _ => "open" };

    /// <summary>The address of this list (page 1 unless another is given).</summary>
    public string Link(int page = 1)
    {
        var query = new List<string>();
        if (OwnerKey is { } o)
        {
            query.Add($"owner={Uri.EscapeDataString(o)}");
        }

        if (Profession is { } p)
        {
            query.Add($"profession={p}");
        }

        query.Add($"due={DueKey}");
        if (page > 1)
        {
            query.Add($"page={page.ToString(CultureInfo.InvariantCulture)}");
        }

        return "/Work/Team/List?" + string.Join('&', query);
    }

    /// <summary>What the list holds, in words: "Overdue work owned by Priya Shah".</summary>
    public string Describe(string ownerName)
    {
        var what = Due switch { TeamWorkDue.Overdue => "Overdue work", TeamWorkDue.DueThisWeek => "Work due in the next 7 days", _ => "Open work" };
        var whose = Owner switch
        {
            TeamWorkOwner.Member => $" owned by {ownerName}",
            TeamWorkOwner.NoOwner => " with no owner",
            TeamWorkOwner.OutsideTheTeams => " owned by staff outside your teams",
            _ => "",
        };
        var profession = Profession switch
        {
            null => "",
            Staff.Profession.Other => " owned by staff of other professions",
            { } p => $" owned by {p.Label().ToLowerInvariant()}s",
        };
        return what + whose + profession;
    }
}
