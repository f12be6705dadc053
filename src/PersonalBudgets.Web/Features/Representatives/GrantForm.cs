using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Representatives;

/// <summary>What the person or a practitioner types to give access (ADR 0030); dates kept as typed.</summary>
public sealed class GrantForm
{
    public string? Name { get; set; }
    public Relationship? Relationship { get; set; }
    public string? Email { get; set; }
    public List<RepresentativeScopes> Scopes { get; set; } = [];
    public DateInput StartsOn { get; set; } = new();
    public DateInput EndsOn { get; set; } = new();
    public LegalBasis? LegalBasis { get; set; }
    public string? LegalReference { get; set; }
    public DateInput LegalDate { get; set; } = new();

    /// <summary>The request, or every problem at once (dates that are not real, and the domain's checks), each naming its field.</summary>
    public GrantRequest ToRequest(bool byStaff, DateOnly today)
    {
        var errors = new List<FieldError>();
        DateOnly? Date(DateInput input, string field, string label, bool required)
        {
            var (date, error) = input.Parse(label, required);
            if (error is not null)
            {
                errors.Add(new(field, error));
            }

            return date;
        }

        var starts = Date(StartsOn, nameof(StartsOn), "The date their access starts", required: true);
        var ends = Date(EndsOn, nameof(EndsOn), "The date their access ends", required: !byStaff);
        var legalDate = byStaff ? Date(LegalDate, nameof(LegalDate), "The date it was registered, made or agreed", required: true) : null;
        var request = new GrantRequest(Name, Relationship, Email, Scopes.Aggregate(RepresentativeScopes.None, (a, s) => a | s), starts, ends,
            byStaff ? LegalBasis : Core.Representatives.LegalBasis.PersonsConsent, byStaff ? LegalReference : null, legalDate);
        var named = errors.Select(e => e.Field).ToHashSet();
        errors.AddRange(RecordGrant.Check(request, byStaff, today).Where(e => !named.Contains(e.Field)));
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return request;
    }

    public static IEnumerable<SelectListItem> ScopeItems(IReadOnlyCollection<RepresentativeScopes> chosen) =>
        RecordGrant.Each(RepresentativeScopes.All).Select(s => new SelectListItem(s.Label(), s.ToString(), chosen.Contains(s)));

    public static IEnumerable<SelectListItem> RelationshipItems(bool byStaff) =>
        Enum.GetValues<Relationship>().Where(r => byStaff || r is not (Core.Representatives.Relationship.Attorney or Core.Representatives.Relationship.Deputy))
            .Select(r => new SelectListItem(r.Label(), r.ToString()));

    public static IEnumerable<SelectListItem> LegalBasisItems() =>
        Enum.GetValues<LegalBasis>().Where(b => b != Core.Representatives.LegalBasis.PersonsConsent).Select(b => new SelectListItem(b.Label(), b.ToString()));
}
