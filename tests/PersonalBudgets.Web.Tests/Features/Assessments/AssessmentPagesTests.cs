using System.Net;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Assessments;

/// <summary>Needs assessments through the pages: question pages, check answers, completion and corrections.</summary>
public sealed class AssessmentPagesTests(AppFixture app) : IClassFixture<AppFixture>
{

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Practitioner_StartsAnswersEverySectionAndCompletes_AndCheckAnswersListsWhatIsMissingUntilThen(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var tab = await browser.GetAsync($"/People/{person.Id}/Assessments");
        tab.Status.ShouldBe(HttpStatusCode.OK);
        tab.BodyText.ShouldContain("Start a needs assessment");
        tab.BodyText.ShouldContain("Start a carer's assessment");

        var start = await browser.GetAsync($"/People/{person.Id}/Assessments/Start");
        start.Status.ShouldBe(HttpStatusCode.OK);
        start.BodyText.ShouldContain("We suggest 28 days from today");
        var selectedOwner = start.Document.QuerySelector("#OwnerId option[selected]").ShouldNotBeNull();
        selectedOwner.TextContent.ShouldStartWith(DemoAccounts.NorthNurseName, customMessage: "the current user owns it by default");
        var url = await StartAsync(browser, person.Id);

        var overview = await browser.GetAsync(url);
        overview.Status.ShouldBe(HttpStatusCode.OK);
        overview.Heading.ShouldBe("Needs assessment");
        overview.Document.QuerySelectorAll(".govuk-task-list__item").Length.ShouldBe(9);
        TaskStatus(overview, "About the assessment").ShouldBe("Not yet started");

        // Incomplete: check answers lists what is missing, each linking to its page, and offers no Complete.
        await SaveAsync(browser, $"{url}/About", ("Type", nameof(AssessmentType.FaceToFace)));
        var check = await browser.GetAsync($"{url}/CheckAnswers");
        check.Status.ShouldBe(HttpStatusCode.OK);
        var missing = check.Document.QuerySelectorAll("#missing li a").Select(a => (Text: HtmlPage.Text(a), Href: a.GetAttribute("href"))).ToList();
        missing.ShouldContain(("Record who took part and how the person took part", $"{url}/WhoTookPart"));
        missing.ShouldContain(("Record how the person manages: managing toilet needs", $"{url}/Outcomes/{nameof(SpecifiedOutcome.ToiletNeeds)}"));
        missing.ShouldContain(m => m.Text == "Record whether the person has an unpaid carer" && m.Href == $"{url}/UnpaidCarer");
        missing.ShouldNotContain(m => m.Text == "Select the type of assessment");
        check.BodyText.ShouldNotContain("Complete assessment");

        var about = await browser.GetAsync($"{url}/About");
        var refused = await browser.PostAsync($"{url}/CheckAnswers", [
            new("__RequestVerificationToken", Hidden(about, "__RequestVerificationToken")),
            new("Revision", Hidden(about, "Revision")),
        ]);
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldHaveSingleItem().ShouldStartWith("The assessment is not complete:");

        await AnswerEverySectionAsync(browser, url, skipAbout: true);
        overview = await browser.GetAsync(url);
        TaskStatus(overview, "Needs and the specified outcomes").ShouldBe("Completed");
        TaskStatus(overview, "Impact on wellbeing").ShouldBe("Completed");

        check = await browser.GetAsync($"{url}/CheckAnswers");
        check.Document.QuerySelector("#missing").ShouldBeNull();
        check.SummaryValue("Type of assessment").ShouldBe("Face to face");
        check.SummaryValue("Managing and maintaining nutrition").ShouldNotBeNull().ShouldContain("Able only with assistance");
        check.Document.QuerySelectorAll(".govuk-summary-list__actions a").Select(a => a.GetAttribute("href")).ShouldContain($"{url}/Outcomes/{nameof(SpecifiedOutcome.Nutrition)}");
        var completed = await browser.SubmitAsync(check);
        completed.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", completed.ErrorSummary));

        var done = await browser.FollowAsync(completed);
        done.BodyText.ShouldContain("Needs assessment completed");
        done.SummaryValue("Status").ShouldBe("Completed");
        done.Document.QuerySelector(".govuk-task-list").ShouldBeNull("a completed assessment is shown read-only");
        done.SummaryValue("What matters to the person, in their own words").ShouldBe("Getting back to my allotment");
        done.Document.QuerySelector($"a[href='{url}/Eligibility']").ShouldNotBeNull().TextContent.ShouldBe("Decide eligibility");

        tab = await browser.GetAsync($"/People/{person.Id}/Assessments");
        tab.TableRows().ShouldContain(r => r[0] == "Needs assessment" && r[1] == "1" && r[2] == "Completed" && r[3] == DemoAccounts.NorthNurseName);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_NothingTicked_Is400AndKeepsTheNote(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var url = await StartAsync(browser, person.Id);
        var form = await browser.GetAsync($"{url}/Outcomes/{nameof(SpecifiedOutcome.PersonalHygiene)}");
        form.Heading.ShouldBe("Maintaining personal hygiene");
        form.Document.QuerySelector("legend").ShouldNotBeNull().TextContent.Trim().ShouldBe("How does the person manage this outcome?");
        form.Document.QuerySelector("input[value=WithoutDifficulty]").ShouldNotBeNull().GetAttribute("data-behaviour").ShouldBe("exclusive");

        var result = await browser.SubmitAsync(form, ("Note", "Needs prompting to wash"));

        result.Status.ShouldBe(HttpStatusCode.BadRequest);
        result.ErrorSummary.ShouldBe(["Select how the person manages this outcome"]);
        result.FieldError("HowManaged").ShouldBe("Select how the person manages this outcome");
        result.Document.QuerySelector("#Note").ShouldNotBeNull().TextContent.ShouldBe("Needs prompting to wash");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WithoutDifficultyAndAWayOfBeingUnable_Is400AndKeepsBothTicked(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var url = await StartAsync(browser, person.Id);
        var form = await browser.GetAsync($"{url}/Outcomes/{nameof(SpecifiedOutcome.Nutrition)}");

        var result = await browser.SubmitAsync(form, ("HowManaged", nameof(HowManaged.WithoutDifficulty)), ("HowManaged", nameof(HowManaged.SignificantPainDistressOrAnxiety)));

        result.Status.ShouldBe(HttpStatusCode.BadRequest);
        result.FieldError("HowManaged").ShouldBe("Select either \"without difficulty\" or the ways the person is unable to achieve this outcome, not both");
        result.Document.QuerySelectorAll("input[name=HowManaged][checked]").Select(i => i.GetAttribute("value"))
            .ShouldBe([nameof(HowManaged.SignificantPainDistressOrAnxiety), nameof(HowManaged.WithoutDifficulty)], ignoreOrder: true);
        var check = await browser.GetAsync($"{url}/CheckAnswers");
        check.SummaryValue("Managing and maintaining nutrition").ShouldBe("Not answered yet", "nothing was saved");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_AbleButWithSignificantAnxiety_IsKeptAndShownAsUnable(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var url = await StartAsync(browser, person.Id);

        await SaveAsync(browser, $"{url}/Outcomes/{nameof(SpecifiedOutcome.Relationships)}", ("HowManaged", nameof(HowManaged.SignificantPainDistressOrAnxiety)));

        var check = await browser.GetAsync($"{url}/CheckAnswers");
        check.SummaryValue("Developing and maintaining family or other personal relationships").ShouldNotBeNull()
            .ShouldSatisfyAllConditions(v => v.ShouldStartWith("Unable to achieve it"), v => v.ShouldContain("Able, but with significant pain, distress or anxiety"));
        var again = await browser.GetAsync($"{url}/Outcomes/{nameof(SpecifiedOutcome.Relationships)}");
        again.Document.QuerySelectorAll("input[name=HowManaged][checked]").Select(i => i.GetAttribute("value")).ShouldBe([nameof(HowManaged.SignificantPainDistressOrAnxiety)]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task NeedsOrigin_TheKindIsRevealedByYes_AndTheDescriptionByOther(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var url = await StartAsync(browser, person.Id);

        var form = await browser.GetAsync($"{url}/Outcomes");

        var yes = form.Document.QuerySelector("input[name=NeedsArisefromImpairmentOrIllness][value=true]").ShouldNotBeNull();
        var ifYes = form.Document.GetElementById(yes.GetAttribute("data-aria-controls")!).ShouldNotBeNull();
        ifYes.ClassList.ShouldContain("govuk-radios__conditional");
        ifYes.QuerySelectorAll("input[name=ImpairmentKinds]").Length.ShouldBe(NeedsOriginKinds);
        var other = ifYes.QuerySelector($"input[name=ImpairmentKinds][value={nameof(ImpairmentKinds.Other)}]").ShouldNotBeNull();
        var ifOther = form.Document.GetElementById(other.GetAttribute("data-aria-controls")!).ShouldNotBeNull();
        ifOther.ClassList.ShouldContain("govuk-checkboxes__conditional");
        ifOther.QuerySelector("input[name=ImpairmentOther]").ShouldNotBeNull();
        form.Document.QuerySelector("input[name=NeedsArisefromImpairmentOrIllness][value=false]")!.HasAttribute("data-aria-controls").ShouldBeFalse();
        form.Document.QuerySelectorAll("input[type=radio][checked]").ShouldBeEmpty();

        // The error summary lists the questions in the order they are on the page, the kind before what "other" is.
        var refused = await browser.SubmitAsync(form, ("NeedsArisefromImpairmentOrIllness", "true"));
        var otherUndescribed = await browser.SubmitAsync(refused, ("ImpairmentKinds", nameof(ImpairmentKinds.Other)));
        otherUndescribed.ErrorSummary.ShouldBe(["Describe the other impairment or illness"]);
        otherUndescribed.Document.GetElementById(other.GetAttribute("data-aria-controls")!)!.ClassList.ShouldNotContain("govuk-checkboxes__conditional--hidden");
    }

    private static int NeedsOriginKinds => Enum.GetValues<ImpairmentKinds>().Length - 1;

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task NeedsOrigin_Yes_NeedsTheKind_AndOtherNeedsDescribing_ThenShowsItInTheAnswers(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var url = await StartAsync(browser, person.Id);
        var form = await browser.GetAsync($"{url}/Outcomes");

        var noKind = await browser.SubmitAsync(form, ("NeedsArisefromImpairmentOrIllness", "true"));
        noKind.Status.ShouldBe(HttpStatusCode.BadRequest);
        noKind.FieldError("ImpairmentKinds").ShouldBe("Select the kind of impairment or illness the needs arise from");

        var otherUndescribed = await browser.SubmitAsync(noKind, ("ImpairmentKinds", nameof(ImpairmentKinds.Autism)), ("ImpairmentKinds", nameof(ImpairmentKinds.Other)));
        otherUndescribed.Status.ShouldBe(HttpStatusCode.BadRequest);
        otherUndescribed.FieldError("ImpairmentOther").ShouldBe("Describe the other impairment or illness");

        var saved = await browser.SubmitAsync(otherUndescribed, ("ImpairmentOther", "Acquired brain injury"));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        var check = await browser.GetAsync($"{url}/CheckAnswers");
        check.SummaryValue("Kind of impairment or illness").ShouldBe("Autism; other: Acquired brain injury");
        var again = await browser.GetAsync($"{url}/Outcomes");
        again.Document.QuerySelectorAll("input[name=ImpairmentKinds][checked]").Select(i => i.GetAttribute("value")).ShouldBe([nameof(ImpairmentKinds.Autism), nameof(ImpairmentKinds.Other)]);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_LackedCapacityWithNobodyConsulted_Is400AndKeepsWhatWasTyped(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var url = await StartAsync(browser, person.Id);
        var form = await browser.GetAsync($"{url}/WhoTookPart");

        var result = await browser.SubmitAsync(form, ("WhoTookPart", "The person and their sister"), ("Participation", nameof(Participation.LackedCapacity)), ("BestInterestsConsulted", " "));

        result.Status.ShouldBe(HttpStatusCode.BadRequest);
        result.ErrorSummary.ShouldBe(["Enter who was consulted for the best-interests decision"]);
        result.FieldError("BestInterestsConsulted").ShouldBe("Enter who was consulted for the best-interests decision");
        result.Document.QuerySelector("#WhoTookPart").ShouldNotBeNull().TextContent.ShouldBe("The person and their sister");

        var saved = await browser.SubmitAsync(result, ("BestInterestsConsulted", "Their sister and their GP"));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        var check = await browser.GetAsync($"{url}/CheckAnswers");
        check.SummaryValue("Who was consulted for the best-interests decision").ShouldBe("Their sister and their GP");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WhenSomeoneElseSavedFirst_Is409NamingThemAndKeepsWhatWasTyped(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var socialWorker = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);
        var url = await StartAsync(nurse, person.Id);
        var nurseForm = await nurse.GetAsync($"{url}/WhatMatters");
        var socialWorkerForm = await socialWorker.GetAsync($"{url}/WhatMatters");

        (await nurse.SubmitAsync(nurseForm, ("WhatMattersInOwnWords", "Seeing my grandchildren"), ("OutcomesWanted", "To visit them weekly"))).Status.ShouldBe(HttpStatusCode.Redirect);
        var conflict = await socialWorker.SubmitAsync(socialWorkerForm, ("WhatMattersInOwnWords", "Going back to work"), ("OutcomesWanted", "A part-time job"));

        conflict.Status.ShouldBe(HttpStatusCode.Conflict);
        conflict.ErrorSummary.ShouldHaveSingleItem().ShouldStartWith($"This record was changed by {DemoAccounts.NorthNurseName} at ");
        conflict.Document.QuerySelector("#WhatMattersInOwnWords").ShouldNotBeNull().TextContent.ShouldBe("Going back to work");
        conflict.BodyText.ShouldContain("What is saved now");
        conflict.SummaryValue("What matters to the person, in their own words").ShouldBe("Seeing my grandchildren");

        var retry = await socialWorker.SubmitAsync(conflict);
        retry.Status.ShouldBe(HttpStatusCode.Redirect, "saving again after seeing the conflict replaces the answer");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task CompletedAssessment_RefusesChanges_AndACorrectionMakesVersion2ThatReplacesVersion1(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var v1 = await StartAsync(browser, person.Id);
        await AnswerEverySectionAsync(browser, v1);
        var staleForm = await browser.GetAsync($"{v1}/Advocacy");
        var check = await browser.GetAsync($"{v1}/CheckAnswers");
        (await browser.SubmitAsync(check)).Status.ShouldBe(HttpStatusCode.Redirect);

        // Read-only: the page says so and offers no form; a form loaded before completion is refused (409), keeping the typing.
        var readOnly = await browser.GetAsync($"{v1}/Advocacy");
        readOnly.Status.ShouldBe(HttpStatusCode.OK);
        readOnly.BodyText.ShouldContain("This assessment has been completed and cannot be changed");
        readOnly.Document.QuerySelector("main form").ShouldBeNull();
        var refused = await browser.SubmitAsync(staleForm, ("AdvocateNeeded", "true"), ("AdvocacyNote", "Needs an IMCA"));
        refused.Status.ShouldBe(HttpStatusCode.Conflict, "completed meanwhile is a conflict, as for plans and reviews");
        refused.ErrorSummary.ShouldBe(["This assessment has been completed and cannot be changed. Start a correction to change it"]);
        refused.Document.QuerySelector("#AdvocacyNote").ShouldNotBeNull().TextContent.ShouldBe("Needs an IMCA");

        // A correction needs a reason.
        var correct = await browser.GetAsync($"{v1}/Correct");
        var noReason = await browser.SubmitAsync(correct, ("Reason", ""));
        noReason.Status.ShouldBe(HttpStatusCode.BadRequest);
        noReason.ErrorSummary.ShouldBe(["Enter the reason for the correction"]);
        var started = await browser.SubmitAsync(noReason, ("Reason", "The person told us their carer has moved away"));
        started.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", started.ErrorSummary));
        var v2 = started.Location!;
        v2.ShouldNotBe(v1);

        var draft = await browser.FollowAsync(started);
        draft.SummaryValue("Version").ShouldNotBeNull().ShouldContain("Reason: The person told us their carer has moved away");
        draft.SummaryValue("Status").ShouldBe("Draft");
        (await browser.GetAsync(v1)).SummaryValue("Status").ShouldBe("Completed", "version 1 stays in force until the correction is completed");

        await SaveAsync(browser, $"{v2}/UnpaidCarer", ("HasUnpaidCarer", nameof(YesNoUnknown.No)));
        var checkV2 = await browser.GetAsync($"{v2}/CheckAnswers");
        checkV2.BodyText.ShouldContain("This correction will replace version 1");
        (await browser.SubmitAsync(checkV2)).Status.ShouldBe(HttpStatusCode.Redirect);

        var old = await browser.GetAsync(v1);
        old.SummaryValue("Status").ShouldBe("Replaced by a correction");
        old.BodyText.ShouldContain("This version has been replaced by a correction");
        old.BodyText.ShouldNotContain("Start a correction");
        (await browser.GetAsync(v2)).SummaryValue("Status").ShouldBe("Completed");

        var history = await browser.GetAsync($"{v2}/History");
        var versions = history.TableRows("table");
        versions.Count.ShouldBe(2);
        versions[0][0].ShouldBe("Version 1");
        versions[0][1].ShouldBe("Replaced by a correction");
        versions[1][0].ShouldBe("Version 2 (this one)");
        versions[1][1].ShouldBe("Completed");
        versions[1][4].ShouldBe("The person told us their carer has moved away");
        history.BodyText.ShouldContain("Replaced by a correction (version 2)");
        history.BodyText.ShouldContain("Completed the needs assessment (version 1)");

        var tab = await browser.GetAsync($"/People/{person.Id}/Assessments");
        tab.TableRows().ShouldContain(r => r[1] == "2" && r[2] == "Completed");
        tab.TableRows().ShouldContain(r => r[1] == "1" && r[2] == "Replaced by a correction");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task CarersAssessment_RecordsTheCarersNeeds_AndANeedsAssessmentLinksToIt(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var carer = await StartAsync(browser, person.Id, "?kind=Carer");
        var overview = await browser.GetAsync(carer);
        overview.Heading.ShouldBe("Carer's assessment");
        overview.Document.QuerySelectorAll(".govuk-task-list__link").Select(HtmlPage.Text).ShouldContain("The carer's needs");
        (await browser.GetAsync($"{carer}/UnpaidCarer")).Status.ShouldBe(HttpStatusCode.NotFound);

        var form = await browser.GetAsync($"{carer}/CarerNeeds");
        var invalid = await browser.SubmitAsync(form, ("CarerName", ""), ("CarerRelationship", "Mother"));
        invalid.Status.ShouldBe(HttpStatusCode.BadRequest);
        invalid.ErrorSummary.ShouldBe([
            "Select yes if the carer's needs arise from providing necessary care",
            "Select yes if the carer's physical or mental health is deteriorating or at risk",
        ]);
        invalid.InputValue("CarerRelationship").ShouldBe("Mother");
        await SaveAsync(browser, $"{carer}/CarerNeeds", ("CarerName", "Ann Example"), ("CarerRelationship", "Mother"), ("NeedsFromProvidingCare", "true"), ("HealthAtRisk", "false"));
        // Each carer outcome on its own page, asked as reg 3(3) does.
        await SaveAsync(browser, $"{carer}/CarerOutcomes/{nameof(CarerOutcome.Recreation)}", ("HowManaged", nameof(CarerHowManaged.SignificantPainDistressOrAnxiety)));
        await SaveAsync(browser, $"{carer}/CarerOutcomes/{nameof(CarerOutcome.HabitableHome)}", ("HowManaged", nameof(CarerHowManaged.UnableWithoutAssistance)));
        var check = await browser.GetAsync($"{carer}/CheckAnswers");
        check.SummaryValue("Engaging in recreational activities").ShouldBe("Unable to achieve it: Able without assistance, but with significant pain, distress or anxiety");
        check.SummaryValue("Maintaining a habitable home environment").ShouldNotBeNull().ShouldStartWith("Unable to achieve it: Unable");

        var needs = await StartAsync(browser, person.Id);
        var carerForm = await browser.GetAsync($"{needs}/UnpaidCarer");
        var option = carerForm.Document.QuerySelectorAll("#LinkedCarerAssessmentId option").Single(o => o.GetAttribute("value") == carer.Split('/')[^1]);
        option.TextContent.ShouldStartWith("Ann Example (Mother)");
        await SaveAsync(browser, $"{needs}/UnpaidCarer", ("HasUnpaidCarer", nameof(YesNoUnknown.Yes)), ("LinkedCarerAssessmentId", carer.Split('/')[^1]));
        var needsCheck = await browser.GetAsync($"{needs}/CheckAnswers");
        needsCheck.Document.QuerySelector($"a[href='{carer}']").ShouldNotBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PractitionerOfAnotherTeam_IsRefused(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var north = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var url = await StartAsync(north, person.Id);
        using var south = await app.SignedInAsync(provider, DemoAccounts.SouthOt);

        (await south.GetAsync($"/People/{person.Id}/Assessments")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await south.GetAsync($"/People/{person.Id}/Assessments/Start")).Status.ShouldBe(HttpStatusCode.Forbidden);
        var page = await south.GetAsync(url);
        page.Status.ShouldBe(HttpStatusCode.Forbidden);
        page.Heading.ShouldBe("You do not have access to this record");
        page.BodyText.ShouldNotContain(person.DisplayName);
        (await south.GetAsync($"{url}/WhatMatters")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await south.GetAsync($"{url}/History")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static string TaskStatus(HtmlPage page, string task) =>
        page.Document.QuerySelectorAll(".govuk-task-list__item")
            .Where(i => HtmlPage.Text(i.QuerySelector(".govuk-task-list__link")) == task)
            .Select(i => HtmlPage.Text(i.QuerySelector(".govuk-task-list__status")))
            .Single();

    private static string Hidden(HtmlPage page, string name) =>
        page.Document.QuerySelector($"main form input[name={name}]")?.GetAttribute("value") ?? throw new InvalidOperationException($"No {name} on {page.Url}.");

    /// <summary>Starts an assessment through the start page and returns its address.</summary>
    private static async Task<string> StartAsync(Browser browser, Guid personId, string query = "")
    {
        var form = await browser.GetAsync($"/People/{personId}/Assessments/Start{query}");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var started = await browser.SubmitAsync(form);
        started.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", started.ErrorSummary));
        started.Location.ShouldNotBeNull().ShouldStartWith("/Assessments/");
        return started.Location;
    }

    private static async Task<HtmlPage> SaveAsync(Browser browser, string url, params (string Name, string? Value)[] changes)
    {
        var form = await browser.GetAsync(url);
        form.Status.ShouldBe(HttpStatusCode.OK);
        var saved = await browser.SubmitAsync(form, changes);
        saved.Status.ShouldBe(HttpStatusCode.Redirect, $"{url}: {string.Join("; ", saved.ErrorSummary)}");
        return saved;
    }

    /// <summary>Answers every section of a needs assessment through its pages, following "Save and continue" through the outcomes.</summary>
    private static async Task AnswerEverySectionAsync(Browser browser, string url, bool skipAbout = false)
    {
        if (!skipAbout)
        {
            await SaveAsync(browser, $"{url}/About", ("Type", nameof(AssessmentType.FaceToFace)));
        }

        await SaveAsync(browser, $"{url}/WhoTookPart", ("WhoTookPart", "The person, and their key worker"), ("Participation", nameof(Participation.InPerson)));
        await SaveAsync(browser, $"{url}/WhatMatters", ("WhatMattersInOwnWords", "Getting back to my allotment"), ("OutcomesWanted", "To manage my own shopping and cooking"));
        var next = (await SaveAsync(browser, $"{url}/Outcomes", ("NeedsArisefromImpairmentOrIllness", "true"), ("ImpairmentKinds", nameof(ImpairmentKinds.MentalIllness)))).Location.ShouldNotBeNull();
        foreach (var outcome in Enum.GetValues<SpecifiedOutcome>())
        {
            next.ShouldBe($"{url}/Outcomes/{outcome}");
            var saved = outcome is SpecifiedOutcome.Nutrition or SpecifiedOutcome.HabitableHome
                ? await SaveAsync(browser, next, ("HowManaged", nameof(HowManaged.OnlyWithAssistance)), ("HowManaged", nameof(HowManaged.SignificantPainDistressOrAnxiety)), ("Note", "Prompting needed most days"))
                : await SaveAsync(browser, next, ("HowManaged", nameof(HowManaged.WithoutDifficulty)));
            next = saved.Location.ShouldNotBeNull();
        }

        next.ShouldBe(url, "after the last outcome the task list is next");
        await SaveAsync(browser, $"{url}/Fluctuation", ("NeedsFluctuate", "true"), ("FluctuationPeriodConsidered", "The last 6 months"), ("FluctuationDescription", "Worse in winter"));
        await SaveAsync(browser, $"{url}/Wellbeing", Enum.GetValues<WellbeingArea>().Select((_, i) => ($"Areas[{i}].Impact", (string?)(i < 2 ? nameof(WellbeingImpact.Significant) : nameof(WellbeingImpact.Some)))).ToArray());
        await SaveAsync(browser, $"{url}/UnpaidCarer", ("HasUnpaidCarer", nameof(YesNoUnknown.Unknown)));
        await SaveAsync(browser, $"{url}/Advocacy", ("AdvocateNeeded", "false"));
    }
}
