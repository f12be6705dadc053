using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Features.My.TakingPart;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.My;

/// <summary>
/// The person's self-assessment (ADR 0031): the person writes, in their own words, how they manage each outcome the
/// assessment records and what is hard, saves it as a draft, sends it to their worker; it waits in the worker's My work;
/// the practitioner reads it beside the assessment, copies the person's words into the assessment's notes, and marks it checked.
/// </summary>
public sealed class SelfAssessmentTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Api = MyApi.Prefix + "/self-assessment";

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private sealed record Arranged(TestPersonAccount Account, Guid AssessmentId, Guid StepId);

    /// <summary>A North person with an account, at needs assessment (the nurse owns the step) with a draft assessment the nurse owns.</summary>
    private async Task<Arranged> AtAssessmentAsync(DatabaseProvider provider)
    {
        var account = await app.NewPersonWithAccountAsync(provider, app.NewPerson(provider));
        return await app.QueryAsync(provider, async db =>
        {
            var nurse = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.NorthNurse);
            var actor = new Actor(nurse.Id, nurse.DisplayName);
            var now = DateTimeOffset.UtcNow;
            var today = UkTime.DateOf(now);
            var episode = PathwayEpisode.Open(account.Person.Id, today.AddDays(-5), null, actor, now.AddDays(-5), PathwayStage.NeedsAssessment);
            var step = PathwayStep.Open(episode, PathwayStage.NeedsAssessment, new StaffRef(nurse.Id, nurse.DisplayName, Core.Staff.Profession.Nurse), today.AddDays(28), null, actor, now);
            var assessment = Assessment.Start(account.Person.Id, AssessmentKind.Adult, nurse.Id, today.AddDays(28), actor, now);
            db.PathwayEpisodes.Add(episode);
            db.PathwaySteps.Add(step);
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            return new Arranged(account, assessment.Id, step.Id);
        });
    }

    private static object ApiBody(int revision, string? hard = "Cooking when I am low", bool send = false) => new
    {
        answers = new[] { new { outcome = "Nutrition", howIManage = (string?)"Mostly ready meals", whatIsHard = hard } },
        whatMatters = "Seeing my daughter",
        revision,
        send,
    };

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PersonDraftsAndSends_ThePractitionerSeesItInMyWork_CopiesTheWordsIntoTheAssessment_AndMarksItChecked(DatabaseProvider provider)
    {
        var a = await AtAssessmentAsync(provider);
        using var person = await app.BrowserAsync(provider);
        await person.SignInAsPersonAsync(a.Account);

        var form = await person.GetAsync(MyPartPaths.SelfAssessment);
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.BodyText.ShouldContain("Eating and drinking");
        form.Document.GetElementById("send-form").ShouldBeNull();
        var tooLong = await person.SubmitAsync(form, ("Answers[0].WhatIsHard", new string('x', SelfAssessment.WordsMaxLength + 1)));
        tooLong.Status.ShouldBe(HttpStatusCode.BadRequest);
        tooLong.FieldError("Answers_0__WhatIsHard").ShouldNotBeNull().ShouldContain("2000");
        var saved = await person.SubmitAsync(form, ("Answers[0].HowIManage", "I eat ready meals"), ("Answers[0].WhatIsHard", "Cooking when I feel low"), ("WhatMatters", "Seeing my daughter"));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        var draft = await app.QueryAsync(provider, db => db.SelfAssessments.AsNoTracking().SingleAsync(s => s.PersonId == a.Account.Person.Id));
        draft.Status.ShouldBe(SelfAssessmentStatus.Draft);
        draft.AuthorKind.ShouldBe(ActorKind.Person);
        draft.For(SpecifiedOutcome.Nutrition).ShouldNotBeNull().WhatIsHard.ShouldBe("Cooking when I feel low");

        // Not sent: the worker does not see it yet.
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await nurse.GetAsync($"/People/{a.Account.Person.Id}/SelfAssessment")).Document.GetElementById("no-self-assessment").ShouldNotBeNull();

        // The person changes it (the page shows what they saved), then sends it.
        var again = await person.GetAsync(MyPartPaths.SelfAssessment);
        again.Document.GetElementById("Answers_0__WhatIsHard").ShouldNotBeNull().TextContent.ShouldBe("Cooking when I feel low");
        (await person.SubmitAsync(again, ("Answers[1].WhatIsHard", "Showering on bad days"))).Status.ShouldBe(HttpStatusCode.Redirect);
        var ready = await person.GetAsync(MyPartPaths.SelfAssessment);
        var sent = await person.SubmitAsync(ready, [], "#send-form");
        sent.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", sent.ErrorSummary));
        (await person.GetAsync(MyPartPaths.SelfAssessment)).Document.GetElementById("self-assessment-sent").ShouldNotBeNull().TextContent.ShouldContain(DemoAccounts.NorthNurseName);
        var stored = await app.QueryAsync(provider, db => db.SelfAssessments.AsNoTracking().SingleAsync(s => s.PersonId == a.Account.Person.Id));
        stored.Status.ShouldBe(SelfAssessmentStatus.Sent);
        stored.OwnerName.ShouldBe(DemoAccounts.NorthNurseName);
        stored.DueDate.ShouldNotBeNull();
        (await app.QueryAsync(provider, db => db.PathwaySteps.AsNoTracking().SingleAsync(s => s.Id == a.StepId))).Participation.ShouldBe(Participation.InWriting);

        // Sending the same form again is a conflict with a clear message, not a second send.
        var twice = await person.SubmitAsync(ready, [], "#send-form");
        twice.Status.ShouldBe(HttpStatusCode.Conflict);
        twice.Document.GetElementById("conflict").ShouldNotBeNull().TextContent.ShouldContain(a.Account.Person.DisplayName);

        // It waits in the nurse's My work and on the person's record, with its owner.
        (await nurse.GetAsync("/Work")).TableRows("#persons-waiting")
            .ShouldContain(r => r[0] == a.Account.Person.DisplayName && r[1] == "Sent their self-assessment" && r[2] == DemoAccounts.NorthNurseName);
        (await nurse.GetAsync($"/People/{a.Account.Person.Id}")).TableRows("#persons-waiting").ShouldContain(r => r[0] == "Sent their self-assessment");

        // Beside the assessment: the person's words, marked as theirs, and on the assessment's outcome page too.
        var page = await nurse.GetAsync($"/People/{a.Account.Person.Id}/SelfAssessment");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.BodyText.ShouldContain("In the person's words");
        page.Document.QuerySelector("[data-outcome=Nutrition]").ShouldNotBeNull().TextContent.ShouldContain("Cooking when I feel low");
        (await nurse.GetAsync($"/Assessments/{a.AssessmentId}/Outcomes/Nutrition")).Document.GetElementById("persons-words").ShouldNotBeNull().TextContent.ShouldContain("I eat ready meals");

        var copied = await nurse.SubmitAsync(page, [], "#copy-Nutrition");
        copied.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", copied.ErrorSummary));
        var assessment = await app.QueryAsync(provider, db => db.Assessments.AsNoTracking().SingleAsync(x => x.Id == a.AssessmentId));
        var note = assessment.Outcomes.Single(o => o.Outcome == SpecifiedOutcome.Nutrition).Note.ShouldNotBeNull();
        note.ShouldContain($"In the person's words ({a.Account.Person.DisplayName}");
        note.ShouldContain("What is hard: Cooking when I feel low");
        assessment.Outcomes.Single(o => o.Outcome == SpecifiedOutcome.Nutrition).WithoutDifficulty.ShouldBeNull();
        // The copy button is a form made with the assessment's revision: pressing an old one again is a conflict.
        (await nurse.SubmitAsync(page, [], "#copy-PersonalHygiene")).Status.ShouldBe(HttpStatusCode.Conflict);
        var fresh = await nurse.GetAsync($"/People/{a.Account.Person.Id}/SelfAssessment");
        fresh.Document.GetElementById("copy-Nutrition").ShouldBeNull();
        (await nurse.SubmitAsync(fresh, [], "#copy-PersonalHygiene")).Status.ShouldBe(HttpStatusCode.Redirect);

        var checkedPage = await nurse.SubmitAsync(await nurse.GetAsync($"/People/{a.Account.Person.Id}/SelfAssessment"), [], "#mark-checked");
        checkedPage.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", checkedPage.ErrorSummary));
        (await app.QueryAsync(provider, db => db.SelfAssessments.AsNoTracking().SingleAsync(s => s.PersonId == a.Account.Person.Id))).Status.ShouldBe(SelfAssessmentStatus.Checked);
        (await nurse.GetAsync("/Work")).Document.QuerySelectorAll("#persons-waiting tbody tr")
            .ShouldNotContain(r => r.TextContent.Contains(a.Account.Person.DisplayName, StringComparison.Ordinal));
        (await person.GetAsync(MyPartPaths.SelfAssessment)).Document.GetElementById("self-assessment-checked").ShouldNotBeNull();

        var audits = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(e => e.PersonId == a.Account.Person.Id && e.RecordType == MySelfAssessmentService.RecordType && e.Action != AuditAction.Viewed && e.ActorKind == ActorKind.Person).ToListAsync());
        // Started, changed, sent: each with the person as the actor.
        audits.Select(e => e.Action).Order().ShouldBe([AuditAction.Created, AuditAction.Updated, AuditAction.Updated]);
        audits.ShouldAllBe(e => e.UserId == a.Account.AccountId);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_BadInputIsA400NamingTheField_AStaleSaveIsA409_AndTwentyConcurrentSendsMakeOne(DatabaseProvider provider)
    {
        var a = await AtAssessmentAsync(provider);
        using var person = await app.BrowserAsync(provider);
        await person.SignInAsPersonAsync(a.Account);
        var ct = TestContext.Current.CancellationToken;

        using (var none = await person.Http.GetAsync(new Uri(Api, UriKind.Relative), ct))
        {
            none.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using (var tooLong = await person.Http.PostAsJsonAsync(Api, ApiBody(0, hard: new string('x', SelfAssessment.WordsMaxLength + 1)), ct))
        {
            tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await tooLong.Content.ReadAsStringAsync(ct)).ShouldContain("Answers[0].WhatIsHard");
        }

        using (var badOutcome = await person.Http.PostAsJsonAsync(Api, new { answers = new[] { new { outcome = "Flying", howIManage = "x" } }, revision = 0 }, ct))
        {
            badOutcome.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using (var nothing = await person.Http.PostAsJsonAsync(Api + "/send", new { revision = 0 }, ct))
        {
            nothing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        // Twenty concurrent first saves make one self-assessment (the unique index holds it).
        using (var race = await Race.FireAsync(() => person.Http.PostAsJsonAsync(Api, ApiBody(0), ct)))
        {
            await race.ShouldHaveOneWinnerAsync();
        }

        (await app.QueryAsync(provider, db => db.SelfAssessments.CountAsync(s => s.PersonId == a.Account.Person.Id))).ShouldBe(1);
        var shown = await person.Http.GetFromJsonAsync<MySelfAssessmentResponse>(Api, Json, ct);
        shown.ShouldNotBeNull().Revision.ShouldBe(1);
        shown.Answers.Single().WhatIsHard.ShouldBe("Cooking when I am low");
        using (var changed = await person.Http.PostAsJsonAsync(Api, ApiBody(1, hard: "Shopping"), ct))
        {
            changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var stale = await person.Http.PostAsJsonAsync(Api, ApiBody(1, hard: "Old window"), ct))
        {
            stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        }

        // Twenty concurrent sends of revision 2: one is sent, the rest are conflicts.
        using (var sends = await Race.FireAsync(() => person.Http.PostAsJsonAsync(Api + "/send", new { revision = 2 }, ct)))
        {
            await sends.ShouldHaveOneWinnerAsync();
        }

        var sentOnes = await app.QueryAsync(provider, db => db.SelfAssessments.AsNoTracking().Where(s => s.PersonId == a.Account.Person.Id).ToListAsync());
        sentOnes.Count.ShouldBe(1);
        sentOnes[0].Status.ShouldBe(SelfAssessmentStatus.Sent);
        sentOnes[0].Revision.ShouldBe(3);
        using var afterSend = await person.Http.PostAsJsonAsync(Api, ApiBody(3), ct);
        afterSend.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ARepresentativeWithoutWrite_ReadsButCannotWrite_AndAnotherPersonSeesNothingOfIt(DatabaseProvider provider)
    {
        var a = await AtAssessmentAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        using var person = await app.BrowserAsync(provider);
        await person.SignInAsPersonAsync(a.Account);
        using (var saved = await person.Http.PostAsJsonAsync(Api, ApiBody(0), ct))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var reader = await app.RepresentativeForAsync(provider, a.Account.Person, RepresentativeScopes.SeeSupport | RepresentativeScopes.AgreeAndAsk);
        using var rep = await app.BrowserAsync(provider);
        await rep.SignInAsPersonAsync(reader.Account);
        var page = await rep.GetAsync(MyPartPaths.SelfAssessment);
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.GetElementById("cannot-write").ShouldNotBeNull();
        var token = (await rep.GetAsync(MyPaths.Account)).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        (await rep.PostAsync(MyPartPaths.SelfAssessment, [new("__RequestVerificationToken", token), new("WhatMatters", "Written by the helper"), new("Revision", "1")])).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await rep.PostAsync(MyPartPaths.SelfAssessment + "?handler=Send", [new("__RequestVerificationToken", token), new("Revision", "1")])).Status.ShouldBe(HttpStatusCode.Forbidden);
        using (var api = await rep.Http.PostAsJsonAsync(Api + "/send", new { revision = 1 }, ct))
        {
            api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await app.QueryAsync(provider, db => db.SelfAssessments.AsNoTracking().SingleAsync(s => s.PersonId == a.Account.Person.Id))).Status.ShouldBe(SelfAssessmentStatus.Draft);

        // A representative who may write can write it, as themselves.
        var writer = await app.RepresentativeForAsync(provider, a.Account.Person, RepresentativeScopes.SeeSupport | RepresentativeScopes.WritePlan);
        using var helper = await app.BrowserAsync(provider);
        await helper.SignInAsPersonAsync(writer.Account);
        (await helper.SubmitAsync(await helper.GetAsync(MyPartPaths.SelfAssessment), [], "#send-form")).Status.ShouldBe(HttpStatusCode.Redirect);
        (await app.QueryAsync(provider, db => db.SelfAssessments.AsNoTracking().SingleAsync(s => s.PersonId == a.Account.Person.Id))).SentByName.ShouldNotBe(a.Account.Person.DisplayName);

        var other = await app.NewPersonWithAccountAsync(provider);
        using var theirs = await app.BrowserAsync(provider);
        await theirs.SignInAsPersonAsync(other);
        (await theirs.GetAsync(MyPartPaths.SelfAssessment)).BodyText.ShouldNotContain("Seeing my daughter");
        using var nothing = await theirs.Http.GetAsync(new Uri(Api, UriKind.Relative), ct);
        nothing.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}
