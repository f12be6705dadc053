using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Features.Representatives;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.My;

/// <summary>
/// Changing a grant (ADR 0033): the person changes the grants they gave, a practitioner those staff recorded; the
/// representative's next request uses the change; audited; a stale form is a conflict; bad input is a 400 naming the field.
/// </summary>
public sealed class GrantChangeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static DateOnly Today => UkTime.DateOf(DateTimeOffset.UtcNow);

    private static (string, string?)[] EndsOn(DateOnly d) =>
    [
        ("Input.EndsOn.Day", d.Day.ToString(CultureInfo.InvariantCulture)), ("Input.EndsOn.Month", d.Month.ToString(CultureInfo.InvariantCulture)),
        ("Input.EndsOn.Year", d.Year.ToString(CultureInfo.InvariantCulture)),
    ];

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Person_ChangesWhatARepresentativeMayDo_AndTheRepresentativeSeesTheChangeAtOnce(DatabaseProvider provider)
    {
        var person = await app.NewPersonWithAccountAsync(provider);
        var rep = await app.RepresentativeForAsync(provider, person.Person, RepresentativeScopes.SeeMoney);
        using var representative = await app.BrowserAsync(provider);
        await representative.SignInAsPersonAsync(rep.Account);
        (await representative.GetAsync(MyPaths.Budget)).Status.ShouldBe(HttpStatusCode.OK);
        using var owner = await app.BrowserAsync(provider);
        await owner.SignInAsPersonAsync(person);

        var list = await owner.GetAsync(MyPaths.Representatives);
        list.Document.GetElementById($"change-{rep.GrantId}").ShouldNotBeNull();
        var form = await owner.GetAsync(MyPaths.RepresentativeChange(rep.GrantId));
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.Document.QuerySelector("input[name='Input.Scopes'][value=SeeMoney]").ShouldNotBeNull().HasAttribute("checked").ShouldBeTrue();

        var none = await owner.SubmitAsync(form, [("Input.Scopes", null)]);
        none.Status.ShouldBe(HttpStatusCode.BadRequest);
        none.FieldError("Input_Scopes").ShouldBe("Select what they may see and do", none.BodyText);
        var past = await owner.SubmitAsync(form, [("Input.Scopes", nameof(RepresentativeScopes.SeeSupport)), .. EndsOn(Today.AddDays(-1))]);
        past.Status.ShouldBe(HttpStatusCode.BadRequest);
        past.FieldError("Input_EndsOn").ShouldNotBeNull().ShouldStartWith("The end date must be");
        var noEnd = await owner.SubmitAsync(form, ("Input.Scopes", nameof(RepresentativeScopes.SeeSupport)), ("Input.EndsOn.Day", ""), ("Input.EndsOn.Month", ""), ("Input.EndsOn.Year", ""));
        noEnd.FieldError("Input_EndsOn").ShouldBe("Enter the date their access ends");

        var saved = await owner.SubmitAsync(form, [("Input.Scopes", nameof(RepresentativeScopes.SeeSupport)), ("Input.Scopes", nameof(RepresentativeScopes.AgreeAndAsk)), .. EndsOn(Today.AddDays(30))]);
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        saved.Location.ShouldBe(MyPaths.Representatives);

        // At once: the representative may no longer see the money, and may now ask.
        (await representative.GetAsync(MyPaths.Budget)).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await representative.GetAsync(Web.Features.My.TakingPart.MyPartPaths.AskForReview)).Status.ShouldBe(HttpStatusCode.OK);
        var grant = await app.QueryAsync(provider, db => db.RecordGrants.AsNoTracking().SingleAsync(g => g.Id == rep.GrantId));
        grant.Scopes.ShouldBe(RepresentativeScopes.SeeSupport | RepresentativeScopes.AgreeAndAsk);
        grant.EndsOn.ShouldBe(Today.AddDays(30));
        var audit = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.PersonId == person.Person.Id && a.RecordType == RepresentativeService.RecordType && a.Action == AuditAction.Updated));
        audit.ActorKind.ShouldBe(ActorKind.Person);
        audit.Summary.ShouldNotBeNull().ShouldContain("SeeMoney");

        // The form opened before that change is stale: a conflict, nothing saved.
        var stale = await owner.SubmitAsync(form, [("Input.Scopes", nameof(RepresentativeScopes.SeeMoney)), .. EndsOn(Today.AddDays(60))]);
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Document.GetElementById("conflict").ShouldNotBeNull();
        (await app.QueryAsync(provider, db => db.RecordGrants.AsNoTracking().SingleAsync(g => g.Id == rep.GrantId))).EndsOn.ShouldBe(Today.AddDays(30));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task OnlyTheirOwn_AnotherPersonARepresentativeAndStaffCannotChangeAPersonsGrant(DatabaseProvider provider)
    {
        var person = await app.NewPersonWithAccountAsync(provider);
        var rep = await app.RepresentativeForAsync(provider, person.Person, RepresentativeScopes.All);
        var other = await app.NewPersonWithAccountAsync(provider);
        using var theirs = await app.BrowserAsync(provider);
        await theirs.SignInAsPersonAsync(other);
        (await theirs.GetAsync(MyPaths.RepresentativeChange(rep.GrantId))).Status.ShouldBe(HttpStatusCode.NotFound);

        using var representative = await app.BrowserAsync(provider);
        await representative.SignInAsPersonAsync(rep.Account);
        (await representative.GetAsync(MyPaths.RepresentativeChange(rep.GrantId))).Status.ShouldBe(HttpStatusCode.Forbidden);

        // A grant the person gave is theirs: staff cannot change it (not found from the staff side).
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var staffPage = await nurse.GetAsync($"/People/{person.Person.Id}/Representatives/Change?grant={rep.GrantId}");
        staffPage.Status.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        (await app.QueryAsync(provider, db => db.RecordGrants.AsNoTracking().SingleAsync(g => g.Id == rep.GrantId))).ChangedAt.ShouldBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Practitioner_ChangesARepresentativeStaffRecorded_Audited(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var staff = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var path = $"/People/{person.Id}/Representatives";
        var page = await staff.GetAsync(path);
        var saved = await staff.SubmitAsync(page,
            ("Input.Name", "Morgan Field"), ("Input.Relationship", nameof(Relationship.Attorney)), ("Input.Email", $"lpa{Guid.NewGuid():N}@example.com"),
            ("Input.LegalBasis", nameof(LegalBasis.LpaHealthAndWelfare)), ("Input.LegalReference", "7000-1234-5678"),
            ("Input.LegalDate.Day", "3"), ("Input.LegalDate.Month", "2"), ("Input.LegalDate.Year", "2024"),
            ("Input.Scopes", nameof(RepresentativeScopes.SeeSupport)));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        var grantId = await app.QueryAsync(provider, db => db.RecordGrants.Where(g => g.PersonId == person.Id).Select(g => g.Id).SingleAsync());

        var list = await staff.GetAsync(path);
        var link = list.Document.GetElementById($"change-{grantId}").ShouldNotBeNull().GetAttribute("href").ShouldNotBeNull();
        var form = await staff.GetAsync(link);
        form.Status.ShouldBe(HttpStatusCode.OK);
        var changed = await staff.SubmitAsync(form, [("Input.Scopes", nameof(RepresentativeScopes.SeeSupport)), ("Input.Scopes", nameof(RepresentativeScopes.WritePlan)), .. EndsOn(Today.AddYears(2))]);
        changed.Status.ShouldBe(HttpStatusCode.Redirect, changed.BodyText);
        var grant = await app.QueryAsync(provider, db => db.RecordGrants.AsNoTracking().SingleAsync(g => g.Id == grantId));
        grant.Scopes.ShouldBe(RepresentativeScopes.SeeSupport | RepresentativeScopes.WritePlan);
        grant.EndsOn.ShouldBe(Today.AddYears(2));
        grant.ChangedByName.ShouldBe(DemoAccounts.NorthNurseName);
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.PersonId == person.Id && a.RecordType == RepresentativeService.RecordType
            && a.Action == AuditAction.Updated && a.ActorKind == ActorKind.Staff))).ShouldBe(1);

        // A stale form is a conflict; staff from another team cannot open it.
        (await staff.SubmitAsync(form, ("Input.Scopes", nameof(RepresentativeScopes.SeeMoney)))).Status.ShouldBe(HttpStatusCode.Conflict);
        using var south = await app.SignedInAsync(provider, DemoAccounts.SouthOt);
        (await south.GetAsync(link)).Status.ShouldNotBe(HttpStatusCode.OK);
    }
}
