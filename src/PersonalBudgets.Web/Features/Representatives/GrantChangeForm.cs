using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Representatives;

/// <summary>What the person or a practitioner types to change a grant (ADR 0033): what they may do, until when, and the version it was read at.</summary>
public sealed class GrantChangeForm
{
    public List<RepresentativeScopes> Scopes { get; set; } = [];
    public DateInput EndsOn { get; set; } = new();
    public int Version { get; set; }

    public static GrantChangeForm From(GrantRow grant) => new()
    {
        Scopes = [.. RecordGrant.Each(grant.Scopes)],
        EndsOn = DateInput.From(grant.EndsOn),
        Version = grant.Version,
    };

    public RepresentativeScopes AllScopes => Scopes.Aggregate(RepresentativeScopes.None, (a, s) => a | s);

    /// <summary>The end date, or a 400 naming <c>EndsOn</c> when it is not a real date (an empty date is "no end": the domain decides whether that is allowed).</summary>
    public DateOnly? EndDate()
    {
        var (date, error) = EndsOn.Parse("The date their access ends", required: false);
        return error is null ? date : throw new Core.Common.ValidationFailedException([new FieldError(nameof(EndsOn), error)]);
    }
}
