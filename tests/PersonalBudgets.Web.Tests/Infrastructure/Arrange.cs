using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;

namespace PersonalBudgets.Web.Tests.Infrastructure;

/// <summary>The demo teams, by name: the staff accounts tests sign in as belong to them.</summary>
public static class DemoTeams
{
    public const string North = DemoDataSeeder.NorthTeam;
    public const string South = DemoDataSeeder.SouthTeam;
}

/// <summary>A person a test created for itself (see <see cref="Arrange.NewPerson"/>).</summary>
public sealed record TestPerson(Guid Id, string DisplayName, string PersonIdentifier, string? NhsNumber, Guid? KeyWorkerId, IReadOnlyList<string> Teams,
    string LegalFirstName, string LegalLastName);

/// <summary>
/// Builders over the domain for the data a test needs, so that each test arranges its own and no test moves another's
/// (tests sign in as the demo staff accounts, but never share the demo people).
/// </summary>
public static class Arrange
{
    /// <summary>
    /// A new person with unique names, NHS number and identifier: by default in the North team only, with the North
    /// nurse (Priya Shah) as key worker and no pathway. Change it with the builder's methods, then
    /// <see cref="PersonBuilder.CreateAsync"/>.
    /// </summary>
    public static PersonBuilder NewPerson(this AppFixture app, DatabaseProvider provider) => new(app, provider);

    /// <summary>A new North person (North team only, the North nurse as key worker).</summary>
    public static Task<TestPerson> NewNorthPersonAsync(this AppFixture app, DatabaseProvider provider) => app.NewPerson(provider).CreateAsync();

    /// <summary>A new South person (South team only, the South occupational therapist as key worker).</summary>
    public static Task<TestPerson> NewSouthPersonAsync(this AppFixture app, DatabaseProvider provider) =>
        app.NewPerson(provider).InTeams(DemoTeams.South).WithKeyWorker(DemoAccounts.SouthOt).CreateAsync();
}

/// <summary>Describes a person to create; <see cref="CreateAsync"/> saves them through the domain.</summary>
public sealed class PersonBuilder(AppFixture app, DatabaseProvider provider)
{
    private static readonly string[] FirstNames = ["Alex", "Jordan", "Morgan", "Casey", "Riley", "Jamie", "Robin", "Sasha", "Niamh", "Imran"];

    private string[] teams = [DemoTeams.North];
    private string? keyWorkerEmail = DemoAccounts.NorthNurse;
    private string? firstName;
    private string? lastName;
    private bool withNhsNumber = true;
    private string postcode = "NM1 1AB";
    private DateOnly? section117From;
    private (PathwayStage Stage, string? OwnerEmail, DateOnly Due)? stage;

    /// <summary>The teams the person is allocated to (by name, see <see cref="DemoTeams"/>).</summary>
    public PersonBuilder InTeams(params string[] names)
    {
        teams = names;
        return this;
    }

    /// <summary>The key worker (a demo staff account), or null for a person waiting for one.</summary>
    public PersonBuilder WithKeyWorker(string? email)
    {
        keyWorkerEmail = email;
        return this;
    }

    public PersonBuilder WithoutKeyWorker() => WithKeyWorker(null);

    /// <summary>Legal names; the last name is made unique unless <paramref name="exact"/>.</summary>
    public PersonBuilder Named(string first, string last, bool exact = false)
    {
        firstName = first;
        lastName = exact ? last : last + TestData.UniqueLetters();
        return this;
    }

    public PersonBuilder WithPostcode(string value)
    {
        postcode = value;
        return this;
    }

    public PersonBuilder WithoutNhsNumber()
    {
        withNhsNumber = false;
        return this;
    }

    /// <summary>Entitled to section 117 aftercare from the day given (a year ago by default).</summary>
    public PersonBuilder Section117(DateOnly? from = null)
    {
        section117From = from ?? PersonalBudgets.Core.Common.UkTime.DateOf(DateTimeOffset.UtcNow).AddYears(-1);
        return this;
    }

    /// <summary>
    /// A pathway episode open at <paramref name="pathwayStage"/> (moved there legally from referral) with one open step
    /// owned by <paramref name="ownerEmail"/> (or nobody) and due on <paramref name="due"/> (in 14 days by default). The
    /// records a later stage works on (assessment, plan, budget) come from the feature's own arrange helpers.
    /// </summary>
    public PersonBuilder AtStage(PathwayStage pathwayStage, string? ownerEmail = DemoAccounts.NorthNurse, DateOnly? due = null)
    {
        stage = (pathwayStage, ownerEmail, due ?? PersonalBudgets.Core.Common.UkTime.DateOf(DateTimeOffset.UtcNow).AddDays(14));
        return this;
    }

    public async Task<TestPerson> CreateAsync()
    {
        var first = firstName ?? FirstNames[Random.Shared.Next(FirstNames.Length)];
        var last = lastName ?? "Arranged" + TestData.UniqueLetters();
        var person = await app.QueryAsync(provider, async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var today = PersonalBudgets.Core.Common.UkTime.DateOf(now);
            var actor = new Actor(Guid.Empty, "Test arrangement");
            var details = new PersonDetails
            {
                LegalFirstName = first,
                LegalLastName = last,
                DateOfBirth = new DateOnly(1980, 3, 27),
                NhsNumber = withNhsNumber ? TestData.NhsNumber() : null,
                PersonIdentifier = TestData.PersonIdentifier(),
                AddressLine1 = "1 Test Street",
                Town = "Northmoor",
                Postcode = postcode,
                GpPracticeCode = "A81001",
                Section117Eligible = section117From is not null,
                Section117StartDate = section117From,
            };
            var (normalised, errors) = PersonDetailsRules.Validate(details, today);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"The arranged person is invalid: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}");
            }

            var created = Person.Create(Guid.NewGuid(), normalised, actor, now);
            db.People.Add(created);
            var teamIds = await db.Teams.Where(t => teams.Contains(t.Name)).ToDictionaryAsync(t => t.Name, t => t.Id);
            foreach (var team in teams)
            {
                db.TeamAllocations.Add(new TeamAllocation
                {
                    Id = Guid.NewGuid(),
                    PersonId = created.Id,
                    TeamId = teamIds.TryGetValue(team, out var id) ? id : throw new InvalidOperationException($"No team '{team}'."),
                    StartedAt = now,
                    StartedByName = actor.DisplayName,
                    Reason = "Arranged by a test",
                });
            }

            if (keyWorkerEmail is not null)
            {
                var worker = await db.Users.Where(u => u.Email == keyWorkerEmail).Select(u => u.Id).SingleAsync();
                created.RecordAllocation(worker, actor, now);
                db.KeyWorkerAssignments.Add(new KeyWorkerAssignment { Id = Guid.NewGuid(), PersonId = created.Id, StaffId = worker, StartedAt = now, StartedByName = actor.DisplayName });
            }

            await db.SaveChangesAsync();
            return new TestPerson(created.Id, created.DisplayName, created.PersonIdentifier, created.NhsNumber, created.KeyWorkerId, teams.Order().ToList(),
                created.LegalFirstName, created.LegalLastName);
        });

        if (stage is { } s)
        {
            await app.OpenPathwayStepAsync(provider, person.Id, s.Stage, s.Due, s.OwnerEmail);
        }

        return person;
    }
}

/// <summary>Pathway records arranged through the domain.</summary>
public static class PathwayBuilder
{
    /// <summary>
    /// Opens an episode for the person with one open step at <paramref name="stage"/>, owned by the account given (or
    /// nobody) and due on <paramref name="due"/>. Returns the step's id.
    /// </summary>
    public static Task<Guid> OpenPathwayStepAsync(this AppFixture app, DatabaseProvider provider, Guid personId, PathwayStage stage, DateOnly due,
        string? ownerEmail = DemoAccounts.NorthNurse, DateOnly? referral = null, Guid? subjectId = null) => app.QueryAsync(provider, async db =>
        {
            var actor = new Actor(Guid.Empty, "Test arrangement");
            var now = DateTimeOffset.UtcNow;
            var owner = ownerEmail is null ? null : await db.Users.Where(u => u.Email == ownerEmail).Select(u => new StaffRef(u.Id, u.DisplayName, u.Profession)).SingleAsync();
            var episode = PathwayEpisode.Open(personId, referral ?? PersonalBudgets.Core.Common.UkTime.DateOf(now).AddDays(-40), "Referred by the GP", actor, now);
            foreach (var next in LegalMovesTo(stage))
            {
                episode.MoveTo(next, actor, now);
            }

            var step = PathwayStep.Open(episode, stage, owner, due, subjectId, actor, now);
            step.RecordPersonsPart(new PersonsPart(Participation.InPerson, null), actor, now);
            db.PathwayEpisodes.Add(episode);
            db.PathwaySteps.Add(step);
            await db.SaveChangesAsync();
            return step.Id;
        });

    /// <summary>The legal moves from referral to <paramref name="stage"/>.</summary>
    private static IEnumerable<PathwayStage> LegalMovesTo(PathwayStage stage)
    {
        var order = new[] { PathwayStage.Referral, PathwayStage.NeedsAssessment, PathwayStage.Eligibility, PathwayStage.IndicativeBudget, PathwayStage.SupportPlanning, PathwayStage.Approval, PathwayStage.BudgetInPlace, PathwayStage.Review };
        return order.Skip(1).TakeWhile(s => s <= stage && stage != PathwayStage.Referral);
    }
}
