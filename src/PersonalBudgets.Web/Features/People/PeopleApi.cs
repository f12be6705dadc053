using Microsoft.AspNetCore.Http.HttpResults;
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

/// <summary>People, allocation and history over JSON, with the same permissions and legitimate-relationship rule as the pages.</summary>
public static class PeopleApi
{
    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People");

        people.MapGet("/", async (PersonSearchService search, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(PageDto.From(await search.SearchAsync(new PersonSearchCriteria(null), page ?? 1, pageSize ?? PersonSearchService.DefaultPageSize, ct))))
            .RequirePermission(Permission.ViewPeople)
            .WithName("ListPeople").WithSummary("People allocated to the caller's teams, paged.");

        // Search terms are personal data, so they go in the body, never the URL.
        people.MapPost("/search", async (SearchRequest request, PersonSearchService search, CancellationToken ct) =>
            {
                if (request.Text is { Length: > PersonSearchService.MaxTextLength })
                {
                    throw new ValidationFailedException([new FieldError("Text", $"Search must be {PersonSearchService.MaxTextLength} characters or fewer")]);
                }

                return TypedResults.Ok(PageDto.From(await search.SearchAsync(new PersonSearchCriteria(request.Text, request.WithoutKeyWorkerOnly), request.Page ?? 1, request.PageSize ?? PersonSearchService.DefaultPageSize, ct)));
            })
            .RequirePermission(Permission.ViewPeople)
            .WithName("SearchPeople").WithSummary("Search by partial name, NHS number, council identifier or partial postcode.");

        people.MapGet("/{id:guid}", async (Guid id, PersonService service, CancellationToken ct) =>
                TypedResults.Ok(PersonDto.From(await service.ViewAsync(id, ct))))
            .RequirePermission(Permission.ViewPeople)
            .WithName("GetPerson").WithSummary("A person's record. 403 without a legitimate relationship.");

        people.MapPost("/", async (CreatePersonRequest request, PersonService service, CancellationToken ct) =>
            {
                var person = await service.CreateAsync(RequireDetails(request.Details), request.TeamId ?? Guid.Empty, ct);
                var record = await service.LoadForEditAsync(person.Id, ct);
                return TypedResults.Created($"/api/v1/people/{person.Id}", PersonDto.From(record));
            })
            .RequirePermission(Permission.CreatePeople)
            .WithName("CreatePerson").WithSummary("Create a person, allocated to one of the caller's teams.");

        people.MapPut("/{id:guid}", async (Guid id, UpdatePersonRequest request, PersonService service, CancellationToken ct) =>
            {
                if (request.Version is null)
                {
                    throw new ValidationFailedException([new FieldError("Version", "Give the version of the record you are changing")]);
                }

                await service.UpdateAsync(id, RequireDetails(request.Details), request.Version.Value, request.Reason, ct);
                return TypedResults.Ok(PersonDto.From(await service.LoadForEditAsync(id, ct)));
            })
            .RequirePermission(Permission.EditPeople)
            .WithName("UpdatePerson").WithSummary("Correct a person's details. 409 if the version is not the latest.");

        people.MapGet("/{id:guid}/allocation", async (Guid id, AllocationService allocations, PersonService service, CancellationToken ct) =>
            {
                var view = await service.ViewAsync(id, ct);
                var full = await allocations.GetAsync(id, ct);
                return TypedResults.Ok(new AllocationDto(view.Person.Version, view.Teams, view.KeyWorker, full.History));
            })
            .RequirePermission(Permission.ViewPeople)
            .WithName("GetAllocation").WithSummary("A person's teams, key worker and allocation history.");

        people.MapPut("/{id:guid}/allocation", async (Guid id, AllocationRequestDto request, AllocationService allocations, PersonService service, CancellationToken ct) =>
            {
                if (request.Version is null)
                {
                    throw new ValidationFailedException([new FieldError("Version", "Give the version of the record you are changing")]);
                }

                await allocations.ChangeAsync(id, new AllocationRequest(request.TeamIds ?? [], request.KeyWorkerId, request.Reason), request.Version.Value, ct);
                var record = await service.LoadForEditAsync(id, ct);
                var full = await allocations.GetAsync(id, ct);
                return TypedResults.Ok(new AllocationDto(record.Person.Version, record.Teams, record.KeyWorker, full.History));
            })
            .RequirePermission(Permission.AllocatePeople)
            .WithName("ChangeAllocation").WithSummary("Allocate or reallocate teams and key worker; a reason is needed for reallocation.");

        people.MapGet("/{id:guid}/history", async (Guid id, PersonService service, PersonalBudgetsDbContext db, int? page, CancellationToken ct) =>
            {
                await service.ViewAsync(id, ct);
                var p = Math.Max(1, page ?? 1);
                var entries = await db.AuditEntries.AsNoTracking()
                    .Where(a => a.PersonId == id && a.Action != AuditAction.Searched)
                    .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
                    .Skip(Paging.Offset(p, 50)).Take(50)
                    .ToListAsync(ct);
                return TypedResults.Ok(entries.Select(e => new HistoryEntryDto(e.OccurredAt, e.UserName, e.Action, e.Summary, e.Reason, e.IsBreakGlass, AuditLog.ReadChanges(e.Changes))).ToList());
            })
            .RequirePermission(Permission.ViewPeople)
            .WithName("GetPersonHistory").WithSummary("Every change, allocation and access to the record, newest first (50 a page).");

        return api;
    }

    private static PersonDetails RequireDetails(PersonDetailsDto? details) =>
        details?.ToDetails() ?? throw new ValidationFailedException([new FieldError("Details", "Give the person's details")]);

    public sealed record SearchRequest(string? Text, bool WithoutKeyWorkerOnly = false, int? Page = null, int? PageSize = null);

    public sealed record PageDto(IReadOnlyList<PersonSummary> Items, int Page, int PageSize, int Total, int TotalPages)
    {
        public static PageDto From(SearchResults r) => new(r.People, r.Page, r.PageSize, r.Total, r.TotalPages);
    }

    public sealed record PersonDetailsDto(
        string? LegalFirstName,
        string? LegalLastName,
        string? PreferredName,
        DateOnly? DateOfBirth,
        string? NhsNumber,
        string? PersonIdentifier,
        string? AddressLine1,
        string? AddressLine2,
        string? Town,
        string? Postcode,
        Gender? Gender,
        Ethnicity? Ethnicity,
        AccommodationStatus? AccommodationStatus,
        EmploymentStatus? EmploymentStatus,
        string? PhoneNumber,
        string? Email,
        string? CommunicationNeeds,
        string? GpPracticeCode,
        PrimarySupportReason? PrimarySupportReason,
        bool? Section117Eligible,
        DateOnly? Section117StartDate,
        DateOnly? Section117EndDate,
        DateOnly? DateOfDeath)
    {
        public PersonDetails ToDetails()
        {
            if (DateOfBirth is null)
            {
                throw new ValidationFailedException([new FieldError(nameof(DateOfBirth), "Enter date of birth")]);
            }

            return new PersonDetails
            {
                LegalFirstName = LegalFirstName ?? "",
                LegalLastName = LegalLastName ?? "",
                PreferredName = PreferredName,
                DateOfBirth = DateOfBirth.Value,
                NhsNumber = NhsNumber,
                PersonIdentifier = PersonIdentifier ?? "",
                AddressLine1 = AddressLine1,
                AddressLine2 = AddressLine2,
                Town = Town,
                Postcode = Postcode,
                Gender = Gender ?? Core.People.Gender.Unknown,
                Ethnicity = Ethnicity ?? Core.People.Ethnicity.NotKnown,
                AccommodationStatus = AccommodationStatus ?? Core.People.AccommodationStatus.Unknown,
                EmploymentStatus = EmploymentStatus ?? Core.People.EmploymentStatus.Unknown,
                PhoneNumber = PhoneNumber,
                Email = Email,
                CommunicationNeeds = CommunicationNeeds,
                GpPracticeCode = GpPracticeCode,
                PrimarySupportReason = PrimarySupportReason ?? Core.People.PrimarySupportReason.MentalHealthSupport,
                Section117Eligible = Section117Eligible ?? false,
                Section117StartDate = Section117StartDate,
                Section117EndDate = Section117EndDate,
                DateOfDeath = DateOfDeath,
            };
        }
    }

    public sealed record CreatePersonRequest(Guid? TeamId, PersonDetailsDto? Details);

    public sealed record UpdatePersonRequest(int? Version, string? Reason, PersonDetailsDto? Details);

    public sealed record AllocationRequestDto(int? Version, IReadOnlyList<Guid>? TeamIds, Guid? KeyWorkerId, string? Reason);

    public sealed record AllocationDto(int Version, IReadOnlyList<TeamRef> Teams, StaffRef? KeyWorker, IReadOnlyList<AllocationHistoryItem> History);

    public sealed record HistoryEntryDto(DateTimeOffset At, string By, AuditAction Action, string? Summary, string? Reason, bool BreakGlass, IReadOnlyList<FieldChange> Changes);

    /// <summary>A person's record as the API returns it: enums by name, with the CLD Release 2 label beside each coded value.</summary>
    public sealed record PersonDto(
        Guid Id,
        int Version,
        string DisplayName,
        PersonDetailsDto Details,
        IReadOnlyDictionary<string, string> CldLabels,
        IReadOnlyList<TeamRef> Teams,
        StaffRef? KeyWorker,
        AccessRoute Access,
        DateTimeOffset UpdatedAt,
        string UpdatedBy)
    {
        public static PersonDto From(PersonRecord r)
        {
            var p = r.Person;
            return new PersonDto(
                p.Id, p.Version, p.DisplayName,
                new PersonDetailsDto(p.LegalFirstName, p.LegalLastName, p.PreferredName, p.DateOfBirth, p.NhsNumber, p.PersonIdentifier,
                    p.AddressLine1, p.AddressLine2, p.Town, p.Postcode, p.Gender, p.Ethnicity, p.AccommodationStatus, p.EmploymentStatus,
                    p.PhoneNumber, p.Email, p.CommunicationNeeds, p.GpPracticeCode, p.PrimarySupportReason, p.Section117Eligible,
                    p.Section117StartDate, p.Section117EndDate, p.DateOfDeath),
                new Dictionary<string, string>
                {
                    ["gender"] = p.Gender.Label(),
                    ["ethnicity"] = p.Ethnicity.Label(),
                    ["accommodationStatus"] = p.AccommodationStatus.Label(),
                    ["employmentStatus"] = p.EmploymentStatus.Label(),
                    ["primarySupportReason"] = p.PrimarySupportReason.Label(),
                },
                r.Teams, r.KeyWorker, r.Route, p.UpdatedAt, p.UpdatedByName);
        }
    }
}
