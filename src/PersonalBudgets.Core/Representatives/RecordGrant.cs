using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.PersonAccounts;

namespace PersonalBudgets.Core.Representatives;

/// <summary>
/// What a representative may see and do for the person (ADR 0030). A small set, so a person can choose without help.
/// Every grant lets the representative see where the support is up to (<see cref="SeeSupport"/>): nobody can act on
/// a plan they cannot see.
/// </summary>
[Flags]
public enum RepresentativeScopes
{
    None = 0,

    /// <summary>Where the support is up to, who has the next step, the assessment, the plan and reviews.</summary>
    [Display(Name = "See where the support is up to, the assessment, the plan and reviews")] SeeSupport = 1,

    /// <summary>The personal budget, the indicative budget and the direct payment.</summary>
    [Display(Name = "See the money: the budget and any direct payment")] SeeMoney = 2,

    /// <summary>Write drafts of the plan ("about me", what matters, outcomes, ideas) for the practitioner.</summary>
    [Display(Name = "Write parts of the plan")] WritePlan = 4,

    /// <summary>Agree the plan (or say what they disagree with), ask for a review, challenge a decision.</summary>
    [Display(Name = "Agree the plan and ask for a review")] AgreeAndAsk = 8,

    All = SeeSupport | SeeMoney | WritePlan | AgreeAndAsk,
}

public enum Relationship
{
    [Display(Name = "Carer")] Carer,
    [Display(Name = "Family member")] FamilyMember,
    [Display(Name = "Friend")] Friend,
    [Display(Name = "Advocate")] Advocate,
    [Display(Name = "Nominee")] Nominee,
    [Display(Name = "Authorised person")] AuthorisedPerson,
    [Display(Name = "Attorney")] Attorney,
    [Display(Name = "Deputy")] Deputy,
    [Display(Name = "Other")] Other,
}

/// <summary>
/// Why the representative may act. A person with capacity gives access themselves (<see cref="PersonsConsent"/>);
/// for a person who lacks capacity for the decision, a practitioner records the legal authority the representative holds.
/// </summary>
public enum LegalBasis
{
    [Display(Name = "The person's own consent")] PersonsConsent,
    [Display(Name = "Lasting power of attorney for health and welfare")] LpaHealthAndWelfare,
    [Display(Name = "Lasting power of attorney for property and financial affairs")] LpaPropertyAndFinancialAffairs,
    [Display(Name = "Deputy appointed by the Court of Protection")] CourtOfProtectionDeputy,
    [Display(Name = "Authorised person for a direct payment (Care Act section 32)")] DirectPaymentAuthorisedPerson,
}

public enum GrantState
{
    [Display(Name = "Invited")] Invited,
    [Display(Name = "Invitation expired")] InvitationExpired,
    [Display(Name = "Not started yet")] NotStarted,
    [Display(Name = "Active")] Active,
    [Display(Name = "Ended")] Ended,
    [Display(Name = "Expired")] Expired,
}

/// <summary>What a grant is made from, as the person or a practitioner entered it.</summary>
public sealed record GrantRequest(
    string? Name,
    Relationship? Relationship,
    string? Email,
    RepresentativeScopes Scopes,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    LegalBasis? LegalBasis = Representatives.LegalBasis.PersonsConsent,
    string? LegalReference = null,
    DateOnly? LegalDate = null);

/// <summary>
/// A person's record opened to someone else (ADR 0030): who (name, relationship, email), what they may see and do
/// (<see cref="Scopes"/>), from and until when, on what legal basis, and who gave it. It carries its own invitation
/// (a one-time code stored as a hash, as a person's invitation does); accepting it links the representative's account.
/// It gives access only while <see cref="IsLiveOn"/>: accepted, started, not past its end and not ended.
/// Records are kept: ending sets <see cref="EndedAt"/>, nothing is deleted.
/// </summary>
public sealed class RecordGrant
{
    public const int NameMaxLength = 100;
    public const int ReferenceMaxLength = 100;

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }

    /// <summary>The representative's account, once they accepted the invitation.</summary>
    public Guid? AccountId { get; private set; }

    public string RepresentativeName { get; private set; } = "";
    public Relationship Relationship { get; private set; }
    public string Email { get; private set; } = "";
    public RepresentativeScopes Scopes { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }
    public LegalBasis LegalBasis { get; private set; }
    public string? LegalReference { get; private set; }
    public DateOnly? LegalDate { get; private set; }

    public ActorKind GrantedByKind { get; private set; }
    public Guid GrantedById { get; private set; }
    public string GrantedByName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public string? InvitationCodeHash { get; private set; }
    public DateTimeOffset InvitationExpiresAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }
    public string? EndedByName { get; private set; }
    public int Version { get; set; }

    /// <summary>When what the representative may do, or until when, was last changed, and by whom (null: never).</summary>
    public DateTimeOffset? ChangedAt { get; private set; }

    public string? ChangedByName { get; private set; }

    private RecordGrant()
    {
    }

    /// <summary>
    /// Checks the request and makes the grant with its invitation code (returned once; only its hash is kept).
    /// A grant by the person is on their consent and needs an end date; one recorded by a practitioner needs a legal
    /// basis with its reference and date.
    /// </summary>
    public static (RecordGrant Grant, string Code) Create(Guid personId, GrantRequest request, Actor grantedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grantedBy);
        var byStaff = grantedBy.Kind == ActorKind.Staff;
        if (Check(request, byStaff, UkTime.DateOf(now)) is { Count: > 0 } errors)
        {
            throw new ValidationFailedException(errors);
        }

        var name = request.Name!.Trim();
        var email = request.Email!.Trim();
        var scopes = request.Scopes;
        var basis = request.LegalBasis ?? LegalBasis.PersonsConsent;
        var code = OneTimeCodes.NewInvitationCode();
        return (new RecordGrant
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            RepresentativeName = name,
            Relationship = request.Relationship!.Value,
            Email = email,
            Scopes = scopes | RepresentativeScopes.SeeSupport,
            StartsOn = request.StartsOn!.Value,
            EndsOn = request.EndsOn,
            LegalBasis = basis,
            LegalReference = byStaff ? request.LegalReference!.Trim() : null,
            LegalDate = byStaff ? request.LegalDate : null,
            GrantedByKind = grantedBy.Kind,
            GrantedById = grantedBy.UserId,
            GrantedByName = grantedBy.DisplayName,
            CreatedAt = now,
            InvitationCodeHash = OneTimeCodes.Hash(code),
            InvitationExpiresAt = now.AddDays(PersonInvitation.ValidDays),
        }, code);
    }

    /// <summary>Every problem with a request, each naming its field (none: it can be made).</summary>
    public static IReadOnlyList<FieldError> Check(GrantRequest request, bool byStaff, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new("Name", "Enter the name of the person you are giving access to"));
        }
        else if (name.Length > NameMaxLength)
        {
            errors.Add(new("Name", $"Name must be {NameMaxLength} characters or fewer"));
        }

        if (request.Relationship is null || !Enum.IsDefined(request.Relationship.Value))
        {
            errors.Add(new("Relationship", "Select how they know the person"));
        }

        var email = request.Email?.Trim() ?? "";
        if (email.Length == 0)
        {
            errors.Add(new("Email", "Enter their email address"));
        }
        else if (!IsEmail(email))
        {
            errors.Add(new("Email", "Enter an email address in the correct format, like name@example.com"));
        }

        var scopes = request.Scopes & RepresentativeScopes.All;
        if (scopes == RepresentativeScopes.None || request.Scopes != scopes)
        {
            errors.Add(new("Scopes", "Select what they may see and do"));
        }

        if (request.StartsOn is not { } starts)
        {
            errors.Add(new("StartsOn", "Enter the date their access starts"));
        }
        else if (starts < today)
        {
            errors.Add(new("StartsOn", "The start date must be today or in the future"));
        }

        if (request.EndsOn is { } ends)
        {
            if (request.StartsOn is { } s && ends < s)
            {
                errors.Add(new("EndsOn", "The end date must be the same as or after the start date"));
            }
        }
        else if (!byStaff)
        {
            errors.Add(new("EndsOn", "Enter the date their access ends"));
        }

        var basis = request.LegalBasis ?? (byStaff ? null : LegalBasis.PersonsConsent);
        if (byStaff)
        {
            if (basis is null or LegalBasis.PersonsConsent || !Enum.IsDefined(basis.Value))
            {
                errors.Add(new("LegalBasis", "Select the legal basis the representative acts on"));
            }

            var reference = request.LegalReference?.Trim() ?? "";
            if (reference.Length == 0)
            {
                errors.Add(new("LegalReference", "Enter the reference of the power of attorney, court order or direct payment agreement"));
            }
            else if (reference.Length > ReferenceMaxLength)
            {
                errors.Add(new("LegalReference", $"Reference must be {ReferenceMaxLength} characters or fewer"));
            }

            if (request.LegalDate is not { } legalDate)
            {
                errors.Add(new("LegalDate", "Enter the date it was registered, made or agreed"));
            }
            else if (legalDate > today)
            {
                errors.Add(new("LegalDate", "The date it was registered, made or agreed must be today or in the past"));
            }
        }
        else if (basis != LegalBasis.PersonsConsent)
        {
            errors.Add(new("LegalBasis", "A legal basis is recorded by your team"));
        }

        return errors;
    }

    private static bool IsEmail(string address) =>
        address.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(address, out var parsed) && parsed.Address == address && address.Contains('.', StringComparison.Ordinal);

    public GrantState StateAt(DateTimeOffset now)
    {
        var today = UkTime.DateOf(now);
        return EndedAt is not null ? GrantState.Ended
            : EndsOn is { } end && today > end ? GrantState.Expired
            : AccountId is null ? (now >= InvitationExpiresAt ? GrantState.InvitationExpired : GrantState.Invited)
            : today < StartsOn ? GrantState.NotStarted
            : GrantState.Active;
    }

    /// <summary>Whether the grant gives access at this moment: accepted, started, not past its end day, not ended.</summary>
    public bool IsLiveAt(DateTimeOffset now) => StateAt(now) == GrantState.Active;

    /// <summary>The same test as <see cref="IsLiveAt"/>, as a query can run it (today is the UK day).</summary>
    public static System.Linq.Expressions.Expression<Func<RecordGrant, bool>> LiveOn(DateOnly today) =>
        g => g.AccountId != null && g.EndedAt == null && g.StartsOn <= today && (g.EndsOn == null || g.EndsOn >= today);

    public bool Allows(RepresentativeScopes scope) => (Scopes & scope) == scope;

    /// <summary>Whether the invitation code can still be used: not accepted, not ended, not expired.</summary>
    public void EnsureInvitationUsable(DateTimeOffset now)
    {
        if (StateAt(now) is not GrantState.Invited)
        {
            throw new DomainException("invitation-not-usable", PersonInvitation.Refused, "Code");
        }
    }

    /// <summary>The representative made (or already had) an account and used the code: it works once.</summary>
    public void Accept(Guid accountId, DateTimeOffset now)
    {
        EnsureInvitationUsable(now);
        AccountId = accountId;
        AcceptedAt = now;
        InvitationCodeHash = null;
    }

    /// <summary>Ends the grant now: access stops on the next request. Ending twice is refused.</summary>
    public void End(Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (EndedAt is not null)
        {
            throw new ConflictException("grant-ended", "This access has already been ended");
        }

        EndedAt = now;
        EndedByName = by.DisplayName;
        InvitationCodeHash = null;
    }

    /// <summary>
    /// Changes what the representative may do and until when (issue 13, ADR 0033): the person for the grants they gave,
    /// a practitioner for those staff recorded (the caller checks which). A grant by the person keeps an end date; the
    /// end cannot be before the start or today. An ended or expired grant is not changed: access is given again instead.
    /// Errors name <c>Scopes</c> and <c>EndsOn</c>. Returns what changed, for the audit entry.
    /// </summary>
    public string Change(RepresentativeScopes scopes, DateOnly? endsOn, int expectedVersion, Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (expectedVersion != Version)
        {
            throw new ConcurrencyConflictException(ChangedByName ?? EndedByName ?? GrantedByName, ChangedAt ?? EndedAt ?? CreatedAt);
        }

        if (StateAt(now) is GrantState.Ended or GrantState.Expired)
        {
            throw new ConflictException("grant-ended", "This access has ended, so it cannot be changed. Give access again instead");
        }

        var today = UkTime.DateOf(now);
        var errors = new List<FieldError>();
        var valid = scopes & RepresentativeScopes.All;
        if (valid == RepresentativeScopes.None || valid != scopes)
        {
            errors.Add(new("Scopes", "Select what they may see and do"));
        }

        if (endsOn is { } ends)
        {
            if (ends < StartsOn)
            {
                errors.Add(new("EndsOn", "The end date must be the same as or after the start date"));
            }
            else if (ends < today)
            {
                errors.Add(new("EndsOn", "The end date must be today or in the future. To stop their access now, end it instead"));
            }
        }
        else if (GrantedByKind != ActorKind.Staff)
        {
            errors.Add(new("EndsOn", "Enter the date their access ends"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var newScopes = scopes | RepresentativeScopes.SeeSupport;
        var what = new List<string>();
        if (newScopes != Scopes)
        {
            what.Add($"what they may do from {Describe(Scopes)} to {Describe(newScopes)}");
        }

        if (endsOn != EndsOn)
        {
            what.Add($"the end from {(EndsOn is { } was ? UkFormat.Date(was) : "none")} to {(endsOn is { } now2 ? UkFormat.Date(now2) : "none")}");
        }

        Scopes = newScopes;
        EndsOn = endsOn;
        ChangedAt = now;
        ChangedByName = by.DisplayName;
        Version++;
        return what.Count == 0 ? "nothing" : string.Join("; ", what);
    }

    private static string Describe(RepresentativeScopes scopes) => string.Join(", ", Each(scopes).Select(s => s.ToString()));

    /// <summary>The scopes as a person reads them, SeeSupport first.</summary>
    public static IReadOnlyList<RepresentativeScopes> Each(RepresentativeScopes scopes) =>
        [.. new[] { RepresentativeScopes.SeeSupport, RepresentativeScopes.SeeMoney, RepresentativeScopes.WritePlan, RepresentativeScopes.AgreeAndAsk }.Where(s => (scopes & s) == s)];
}
