using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.People;

public sealed record TeamRef(Guid Id, string Name);

public sealed record StaffRef(Guid Id, string Name, string Profession);

/// <param name="CaresFor">For a carer's own record (ADR 21): the person they care for.</param>
public sealed record PersonRecord(Person Person, IReadOnlyList<TeamRef> Teams, StaffRef? KeyWorker, AccessRoute Route, PersonRef? CaresFor = null)
{
    /// <summary>Whom the record's pages are about, in words: "carer" on a carer's own record, otherwise "person".</summary>
    public string Subject => Person.IsCarer ? "carer" : "person";

    /// <summary>The name a page's caption shows: a carer's says whom they care for.</summary>
    public string CaptionName => CaresFor is { } caredFor ? $"{Person.DisplayName}, carer of {caredFor.Name}" : Person.DisplayName;
}

/// <param name="MayView">Whether the current user may open this person's record (a link is shown only then).</param>
public sealed record PersonRef(Guid Id, string Name, bool MayView = true);

/// <summary>Creating, viewing and correcting people's records. Every view and change is audited.</summary>
public sealed class PersonService(PersonalBudgetsDbContext db, RecordAccessService access, AuditLog audit, ICurrentUser currentUser, TimeProvider clock)
{
    private DateOnly Today => clock.UkToday();

    /// <summary>Loads a record for display, auditing the view.</summary>
    public async Task<PersonRecord> ViewAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var route = await access.EnsureAccessAsync(personId, cancellationToken);
        var record = await LoadAsync(personId, route, cancellationToken);
        await audit.RecordAsync(AuditAction.Viewed, "Person", personId.ToString(), personId, cancellationToken: cancellationToken);
        return record;
    }

    /// <summary>
    /// Checks access to the person without loading their record, for work that needs only the check. Within a request
    /// whose route names the person the filter has decided it already, so this costs no query.
    /// </summary>
    public Task EnsureAccessAsync(Guid personId, CancellationToken cancellationToken = default) =>
        access.EnsureAccessAsync(personId, cancellationToken);

    /// <summary>Loads a record for an edit form without a separate view entry (the edit is audited when saved).</summary>
    /// <remarks>
    /// The access route comes from the person-access filter, which established it for the route's person before the
    /// handler ran; <see cref="RecordAccessService.EnsureAccessAsync"/> only looks it up. Called for a person the
    /// route does not name (the record just created) or outside a routed request, it decides it here instead, with
    /// the same rule and the same audited refusal, so the record is never returned unchecked.
    /// </remarks>
    public async Task<PersonRecord> LoadForEditAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var route = await access.EnsureAccessAsync(personId, cancellationToken);
        return await LoadAsync(personId, route, cancellationToken);
    }

    private async Task<PersonRecord> LoadAsync(Guid personId, AccessRoute route, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == personId, cancellationToken);
        var teams = await db.TeamAllocations.Where(a => a.PersonId == personId && a.EndedAt == null)
            .Join(db.Teams, a => a.TeamId, t => t.Id, (a, t) => t)
            .OrderBy(t => t.Name)
            .Select(t => new TeamRef(t.Id, t.Name))
            .ToListAsync(cancellationToken);
        StaffRef? keyWorker = null;
        if (person.KeyWorkerId is { } kw)
        {
            keyWorker = await db.Users.Where(u => u.Id == kw)
                .Select(u => new { u.Id, u.DisplayName, u.Profession })
                .AsAsyncEnumerable()
                .Select(u => new StaffRef(u.Id, u.DisplayName, u.Profession.Label()))
                .SingleOrDefaultAsync(cancellationToken);
        }

        PersonRef? caresFor = null;
        if (person.CaresForPersonId is { } caredForId)
        {
            caresFor = await db.People.Where(p => p.Id == caredForId)
                .Select(p => new { p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredName })
                .AsAsyncEnumerable()
                .Select(p => new PersonRef(p.Id, string.IsNullOrWhiteSpace(p.PreferredName) ? $"{p.LegalFirstName} {p.LegalLastName}" : $"{p.PreferredName} {p.LegalLastName}"))
                .SingleOrDefaultAsync(cancellationToken);
            if (caresFor is not null && await access.RouteAsync(caredForId, cancellationToken) is null)
            {
                caresFor = caresFor with { MayView = false };
            }
        }

        return new PersonRecord(person, teams, keyWorker, route, caresFor);
    }

    /// <summary>Checks details against every rule without saving, so a form can show all its problems at once.</summary>
    public async Task<IReadOnlyList<FieldError>> CheckAsync(PersonDetails input, Guid? existingPersonId, CancellationToken cancellationToken = default)
    {
        var (details, errors) = PersonDetailsRules.Validate(input, Today);
        return [.. errors, .. await UniquenessErrorsAsync(details, existingPersonId, cancellationToken)];
    }

    public async Task<Person> CreateAsync(PersonDetails input, Guid teamId, CancellationToken cancellationToken = default)
    {
        var (details, errors) = PersonDetailsRules.Validate(input, Today);
        var fieldErrors = errors.ToList();
        var userId = currentUser.Id;
        if (!await db.TeamMemberships.AnyAsync(m => m.UserId == userId && m.TeamId == teamId, cancellationToken))
        {
            fieldErrors.Add(new FieldError("TeamId", "Select one of your teams"));
        }

        fieldErrors.AddRange(await UniquenessErrorsAsync(details, null, cancellationToken));
        if (fieldErrors.Count > 0)
        {
            throw new ValidationFailedException(fieldErrors);
        }

        var now = clock.GetUtcNow();
        var person = Person.Create(Guid.NewGuid(), details, currentUser.Actor, now);
        db.People.Add(person);
        db.TeamAllocations.Add(new TeamAllocation
        {
            Id = Guid.NewGuid(), PersonId = person.Id, TeamId = teamId, StartedAt = now, StartedByName = currentUser.DisplayName, Reason = "Record created",
        });
        audit.Add(AuditAction.Created, "Person", person.Id.ToString(), person.Id,
            PersonDetailsRules.Compare(new PersonDetails(), details), summary: "Record created");
        await SaveAsync(person, cancellationToken);
        return person;
    }

    /// <summary>
    /// Corrects a record. <paramref name="expectedVersion"/> is the version the editor loaded: if someone else saved
    /// since, nothing is written and a <see cref="ConcurrencyConflictException"/> names them.
    /// </summary>
    public async Task<IReadOnlyList<FieldChange>> UpdateAsync(Guid personId, PersonDetails input, int expectedVersion, string? reason, CancellationToken cancellationToken = default)
    {
        var (details, errors) = PersonDetailsRules.Validate(input, Today);
        var fieldErrors = errors.ToList();
        fieldErrors.AddRange(await UniquenessErrorsAsync(details, personId, cancellationToken));
        var trimmedReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (trimmedReason is { Length: > 1000 })
        {
            fieldErrors.Add(new FieldError("Reason", "Reason must be 1000 characters or fewer"));
        }

        if (fieldErrors.Count > 0)
        {
            throw new ValidationFailedException(fieldErrors);
        }

        var person = await db.People.SingleAsync(p => p.Id == personId, cancellationToken);
        var changes = person.Update(details, expectedVersion, currentUser.Actor, clock.GetUtcNow());
        if (changes.Count == 0)
        {
            return changes;
        }

        audit.Add(AuditAction.Updated, "Person", personId.ToString(), personId, changes,
            summary: $"Changed {string.Join(", ", changes.Select(c => c.Field.ToLowerInvariant()))}", reason: trimmedReason);
        await SaveAsync(person, cancellationToken);
        return changes;
    }

    /// <summary>
    /// Saves. If someone saved between our read and our write, reports who and keeps nothing of ours; if a unique index
    /// caught a duplicate that another request created at the same moment, says which field.
    /// </summary>
    private Task SaveAsync(Person person, CancellationToken cancellationToken) =>
        db.SaveChangesOrConflictAsync(async (failure, c) =>
        {
            if (failure == SaveFailure.Concurrency)
            {
                var current = await db.People.AsNoTracking().Where(p => p.Id == person.Id).Select(p => new { p.UpdatedByName, p.UpdatedAt }).SingleAsync(c);
                return new ConcurrencyConflictException(current.UpdatedByName, current.UpdatedAt);
            }

            var errors = await UniquenessErrorsAsync(person.ToDetails(), person.Id, c);
            return errors.Count > 0 ? new ValidationFailedException(errors) : new ConflictException("duplicate", SaveChangesOrConflictExtensions.DuplicateMessage);
        }, cancellationToken);

    private async Task<List<FieldError>> UniquenessErrorsAsync(PersonDetails details, Guid? self, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (details.NhsNumber is { } nhs && await db.People.AnyAsync(p => p.NhsNumber == nhs && p.Id != self, cancellationToken))
        {
            errors.Add(new FieldError(nameof(PersonDetails.NhsNumber), "Another person already has this NHS number. Search for them instead of creating a new record"));
        }

        if (details.PersonIdentifier.Length > 0 && await db.People.AnyAsync(p => p.PersonIdentifier == details.PersonIdentifier && p.Id != self, cancellationToken))
        {
            errors.Add(new FieldError(nameof(PersonDetails.PersonIdentifier), "Another person already has this council person identifier"));
        }

        return errors;
    }
}
