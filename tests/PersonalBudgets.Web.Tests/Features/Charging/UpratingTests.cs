using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Features.Charging.Uprating;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.SupportPlans;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Charging;

/// <summary>
/// Issue 14 item 5, the April uprating: a finance team manager previews every person's contribution under next year's
/// policy from 1 April, then starts one run that recalculates each completed assessment as a new version; a run stopped
/// part-way carries on where it stopped and never makes two versions for a person; 20 starts at once make one run.
/// Each test publishes a policy for a financial year of its own, as a run is once per policy.
/// </summary>
public sealed class UpratingTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string FinanceManager = "financemanager@northmoor.example";
    private const decimal MigRise = 10m;
    private static readonly Actor TestActor = new(Guid.Empty, "Test");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int ThisYear => ChargingPolicyVersion.FinancialYearOf(UkTime.DateOf(DateTimeOffset.UtcNow));

    /// <summary>Publishes this year's policy (once per database) and a policy for <paramref name="year"/> whose single MIG is £10 higher.</summary>
    private Task<(ChargingPolicyVersion ThisYear, Guid NewPolicyId)> PoliciesAsync(DatabaseProvider provider, int year) => app.QueryAsync(provider, async db =>
    {
        async Task<ChargingPolicyVersion> PublishedAsync(int y, Func<ChargingPolicyDefinition, ChargingPolicyDefinition> change)
        {
            if (await db.ChargingPolicyVersions.SingleOrDefaultAsync(v => v.FinancialYearStart == y && v.IsCurrent) is { } current)
            {
                return current;
            }

            var draft = await db.ChargingPolicyVersions.SingleOrDefaultAsync(v => v.FinancialYearStart == y && v.Status == ChargingPolicyStatus.Draft);
            if (draft is null)
            {
                var definition = change(ExampleChargingPolicies.For2025To2026 with { FinancialYearStart = y });
                draft = ChargingPolicyVersion.CreateDraft(await db.ChargingPolicyVersions.MaxAsync(v => v.Number) + 1, "Test", definition, false, TestActor, DateTimeOffset.UtcNow);
                db.ChargingPolicyVersions.Add(draft);
            }

            draft.Publish(TestActor, DateTimeOffset.UtcNow, null);
            await db.SaveChangesAsync();
            return draft;
        }

        var now = await PublishedAsync(ThisYear, d => d);
        var next = await PublishedAsync(year, d => d with { Mig = d.Mig with { SingleAged25ToPensionCreditAge = d.Mig.SingleAged25ToPensionCreditAge + MigRise } });
        return (now, next.Id);
    });

    /// <summary>A completed assessment for the person from today: Universal Credit of <paramref name="income"/> a week, or declined (full cost); £300 a week of support.</summary>
    private Task<Guid> CompletedAssessmentAsync(DatabaseProvider provider, Guid personId, decimal? income) => app.QueryAsync(provider, async db =>
    {
        var policy = await db.ChargingPolicyVersions.AsNoTracking().SingleAsync(v => v.FinancialYearStart == ThisYear && v.IsCurrent);
        var now = DateTimeOffset.UtcNow;
        var fa = await db.FinancialAssessments.SingleOrDefaultAsync(f => f.PersonId == personId && f.Status == FinancialAssessmentStatus.InProgress);
        if (fa is null)
        {
            fa = FinancialAssessment.Start(personId, false, null, null, UkTime.DateOf(now).AddDays(28), TestActor, now);
            db.FinancialAssessments.Add(fa);
        }

        fa.Record(income is { } i
            ? new FinancialAssessmentInput(FinancialAssessmentType.Full, 300m, Income: [new IncomeItem(IncomeKind.UniversalCredit, null, i)])
            : new FinancialAssessmentInput(FinancialAssessmentType.Declined, 300m), fa.Revision);
        fa.Complete(policy, 300m, UkTime.DateOf(now), false, fa.Revision, TestActor, now, null);
        fa.TakeDomainEvents();
        await db.SaveChangesAsync();
        return fa.Id;
    });

    private async Task<UpratingRun> RunAsync(DatabaseProvider provider, Guid policyId) =>
        await app.QueryAsync(provider, db => db.UpratingRuns.AsNoTracking().SingleAsync(r => r.PolicyVersionId == policyId));

    private async Task<int> ProcessAsync(DatabaseProvider provider, Guid runId, int max)
    {
        var factory = await app.FactoryAsync(provider);
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UpratingProcessor>().ProcessAsync(runId, max, Ct);
    }

    private static IReadOnlyList<string> RowOf(HtmlPage page, string identifier) =>
        page.TableRows("#people").Single(r => r[0].Contains(identifier, StringComparison.Ordinal));

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Preview_ShowsEachContributionBeforeAndFrom1April_WhoGoesDownOrStopsPaying_AndDownloadsAsCsv(DatabaseProvider provider)
    {
        const int year = 2030;
        var (thisYear, policyId) = await PoliciesAsync(provider, year);
        var down = await app.NewNorthPersonAsync(provider);
        var stops = await app.NewNorthPersonAsync(provider);
        var same = await app.NewNorthPersonAsync(provider);
        await CompletedAssessmentAsync(provider, down.Id, 250m);
        await CompletedAssessmentAsync(provider, stops.Id, 120m);
        await CompletedAssessmentAsync(provider, same.Id, null);
        var migNow = thisYear.Definition.Mig.SingleAged25ToPensionCreditAge;
        var migThen = ExampleChargingPolicies.For2025To2026.Mig.SingleAged25ToPensionCreditAge + MigRise;

        using var manager = await app.SignedInAsync(provider, FinanceManager);
        var page = await manager.GetAsync($"/Finance/Uprating/{policyId}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Heading.ShouldBe("Annual uprating 2030–31");
        RowOf(page, down.PersonIdentifier).Skip(1).ShouldBe([UkFormat.Money(250m - migNow), UkFormat.Money(250m - migThen), UkFormat.Money(migNow - migThen), "Goes down"]);
        RowOf(page, stops.PersonIdentifier).Skip(1).ShouldBe([UkFormat.Money(120m - migNow), UkFormat.Money(0m), UkFormat.Money(-(120m - migNow)), "Stops paying"]);
        RowOf(page, same.PersonIdentifier).Skip(1).ShouldBe([UkFormat.Money(300m), UkFormat.Money(300m), UkFormat.Money(0m), "No change"]);
        int.Parse(page.SummaryValue("Goes down")!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
        // The preview changes nothing.
        (await app.QueryAsync(provider, db => db.FinancialAssessments.CountAsync(f => f.PersonId == down.Id))).ShouldBe(1);

        using var csv = await manager.Http.GetAsync($"/Finance/Uprating/{policyId}?handler=Csv", Ct);
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync(Ct));
        text.ShouldContain(FormattableString.Invariant($"{down.PersonIdentifier},1,{250m - migNow:0.00},{250m - migThen:0.00},{migNow - migThen:0.00},Goes down"));
        text.ShouldContain(FormattableString.Invariant($"{stops.PersonIdentifier},1,{120m - migNow:0.00},0.00,{-(120m - migNow):0.00},Stops paying"));

        // Finance officers and practitioners may not preview or apply it.
        using var officer = await app.SignedInAsync(provider, DemoAccounts.Finance);
        (await officer.GetAsync($"/Finance/Uprating/{policyId}")).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await nurse.GetAsync($"/Finance/Uprating/{policyId}")).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Run_InterruptedAndResumed_MakesOneNewVersionPerPerson_FromApril_AndTheContributionFlowsToThePlan(DatabaseProvider provider)
    {
        const int year = 2031;
        var (_, policyId) = await PoliciesAsync(provider, year);
        var withPlan = await app.NewNorthPersonAsync(provider);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, withPlan.Id));
        await app.CompleteAsync(provider, planId, 300m);
        var others = new[] { await app.NewNorthPersonAsync(provider), await app.NewNorthPersonAsync(provider), await app.NewNorthPersonAsync(provider) };
        await CompletedAssessmentAsync(provider, withPlan.Id, 250m);
        foreach (var p in others)
        {
            await CompletedAssessmentAsync(provider, p.Id, 250m);
        }

        var mine = others.Select(p => p.Id).Append(withPlan.Id).ToList();

        using var manager = await app.SignedInAsync(provider, FinanceManager);
        var preview = await manager.GetAsync($"/Finance/Uprating/{policyId}");
        var started = await manager.SubmitAsync(preview, [], "form[action*='handler=Start']");
        started.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", started.ErrorSummary));
        var running = await manager.FollowAsync(started);
        running.Document.QuerySelector("#progress")!.TextContent.ShouldContain("Running");
        running.Document.QuerySelector("meta[http-equiv=refresh]").ShouldNotBeNull();
        var run = await RunAsync(provider, policyId);
        run.Total.ShouldBeGreaterThanOrEqualTo(4);

        // Interrupted after two people: the run's progress says so, and nobody has two versions.
        (await ProcessAsync(provider, run.Id, 2)).ShouldBe(2);
        (await RunAsync(provider, policyId)).ShouldSatisfyAllConditions(r => r.Done.ShouldBe(2), r => r.Status.ShouldBe(UpratingRunStatus.Running));

        // Resumed by the background service's own loop, until it completes.
        var factory = await app.FactoryAsync(provider);
        var worker = factory.Services.GetServices<IHostedService>().OfType<UpratingBackgroundService>().Single();
        (await worker.RunOnceAsync(Ct)).ShouldBe(run.Total - 2);
        run = await RunAsync(provider, policyId);
        run.Status.ShouldBe(UpratingRunStatus.Completed);
        run.Done.ShouldBe(run.Total);

        // Nothing applied twice: resuming again does nothing.
        (await ProcessAsync(provider, run.Id, 100)).ShouldBe(0);
        var versions = await app.QueryAsync(provider, db => db.FinancialAssessments.AsNoTracking().Where(f => mine.Contains(f.PersonId)).ToListAsync());
        var mig = ExampleChargingPolicies.For2025To2026.Mig.SingleAged25ToPensionCreditAge;
        foreach (var personId in mine)
        {
            var theirs = versions.Where(v => v.PersonId == personId).OrderBy(v => v.Version).ToList();
            theirs.Count.ShouldBe(2);
            theirs[0].Status.ShouldBe(FinancialAssessmentStatus.Replaced);
            theirs[1].Status.ShouldBe(FinancialAssessmentStatus.Completed);
            theirs[1].CorrectionReason.ShouldBe("Annual uprating 2031–32");
            theirs[1].EffectiveFrom.ShouldBe(new DateOnly(year, 4, 1));
            theirs[1].WeeklyContribution.ShouldBe(250m - mig - MigRise);
        }

        var plan = await app.PlanAsync(provider, planId);
        plan.AssessedContributionWeekly.ShouldBe(250m - mig - MigRise);
        plan.ContributionAssessmentId.ShouldBe(versions.Single(v => v.PersonId == withPlan.Id && v.Version == 2).Id);
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.PersonId == withPlan.Id && a.Summary!.StartsWith("Annual uprating 2031–32")))).ShouldBe(1);

        var done = await manager.GetAsync($"/Finance/Uprating/{policyId}");
        done.Document.QuerySelector("#progress")!.TextContent.ShouldContain($"{run.Total} of {run.Total} done");
        done.Document.QuerySelector("meta[http-equiv=refresh]").ShouldBeNull();
        RowOf(done, withPlan.PersonIdentifier)[4].ShouldStartWith("Goes down");

        var letters = await manager.GetAsync($"/Finance/Uprating/{policyId}/Letters");
        letters.Status.ShouldBe(HttpStatusCode.OK);
        letters.Document.QuerySelectorAll(".app-letter").Length.ShouldBeGreaterThanOrEqualTo(mine.Count);
        letters.BodyText.ShouldContain("Annual uprating 2031–32");
        letters.BodyText.ShouldContain($"You will pay {UkFormat.Money(250m - mig - MigRise)} a week towards your support");

        // A second run for the same policy is refused once one has completed.
        var again = await manager.SubmitAsync(preview, [], "form[action*='handler=Start']");
        again.Status.ShouldBe(HttpStatusCode.Conflict);
        again.ErrorSummary.ShouldContain(e => e.Contains("has already been applied", StringComparison.Ordinal));
        (await app.QueryAsync(provider, db => db.UpratingRuns.CountAsync(r => r.PolicyVersionId == policyId))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TwentyStartsAtOnce_MakeOneRun_TheOthersAreTold(DatabaseProvider provider)
    {
        var (_, policyId) = await PoliciesAsync(provider, 2032);
        using var manager = await app.SignedInAsync(provider, FinanceManager);
        var preview = await manager.GetAsync($"/Finance/Uprating/{policyId}");
        preview.Status.ShouldBe(HttpStatusCode.OK);

        var race = await Race.SubmitAsync(() => manager.SubmitAsync(preview, [], "form[action*='handler=Start']"));
        race.ShouldHaveOneWinner();
        race.Losers.First().ErrorSummary.ShouldContain(e => e.StartsWith("The Annual uprating 2032–33 is already running", StringComparison.Ordinal) || e.Contains("has already been applied", StringComparison.Ordinal));
        (await app.QueryAsync(provider, db => db.UpratingRuns.CountAsync(r => r.PolicyVersionId == policyId))).ShouldBe(1);

        // Finish the run, so that it does not stay running beside the other tests' runs in this database.
        var runId = (await RunAsync(provider, policyId)).Id;
        while (await ProcessAsync(provider, runId, 500) > 0)
        {
        }

        (await RunAsync(provider, policyId)).Status.ShouldBe(UpratingRunStatus.Completed);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Start_ForADraftPolicy_IsRefusedWith400(DatabaseProvider provider)
    {
        var draftId = await app.QueryAsync(provider, async db =>
        {
            const int year = 2040;
            var draft = await db.ChargingPolicyVersions.SingleOrDefaultAsync(v => v.FinancialYearStart == year && v.Status == ChargingPolicyStatus.Draft);
            if (draft is null)
            {
                draft = ChargingPolicyVersion.CreateDraft(await db.ChargingPolicyVersions.MaxAsync(v => v.Number) + 1, "Test", ExampleChargingPolicies.For2025To2026 with { FinancialYearStart = year }, false, TestActor, DateTimeOffset.UtcNow);
                db.ChargingPolicyVersions.Add(draft);
                await db.SaveChangesAsync();
            }

            return draft.Id;
        });
        using var manager = await app.SignedInAsync(provider, FinanceManager);
        var page = await manager.GetAsync($"/Finance/Uprating/{draftId}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelector("form[action*='handler=Start']").ShouldBeNull();
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        using var refused = await manager.Http.PostAsync($"/Finance/Uprating/{draftId}?handler=Start",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token ?? "" }), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    // The API (issue 14 item 5 over /api/v1). In this class, not a file of its own: a run started here must not be
    // carried on by another class's background-service call while that one counts what it processed.

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_Preview_GivesEachContributionBeforeAndFromApril_FiltersByChange_AndRefusesOthers(DatabaseProvider provider)
    {
        const int year = 2050;
        var (thisYear, policyId) = await PoliciesAsync(provider, year);
        var down = await app.NewNorthPersonAsync(provider);
        var same = await app.NewNorthPersonAsync(provider);
        await CompletedAssessmentAsync(provider, down.Id, 250m);
        await CompletedAssessmentAsync(provider, same.Id, null);
        var migNow = thisYear.Definition.Mig.SingleAged25ToPensionCreditAge;
        var migThen = ExampleChargingPolicies.For2025To2026.Mig.SingleAged25ToPensionCreditAge + MigRise;

        using var manager = await app.SignedInAsync(provider, FinanceManager);
        using var response = await manager.Http.GetAsync($"/api/v1/charging/policies/{policyId}/uprating", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        json.GetProperty("reason").GetString().ShouldBe("Annual uprating 2050–51");
        json.GetProperty("effectiveFrom").GetString().ShouldBe("2050-04-01");
        json.GetProperty("run").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("counts").GetProperty("down").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        var people = json.GetProperty("people").EnumerateArray().ToList();
        var downLine = people.Single(l => l.GetProperty("personId").GetGuid() == down.Id);
        downLine.GetProperty("personIdentifier").GetString().ShouldBe(down.PersonIdentifier);
        downLine.GetProperty("weeklyBefore").GetDecimal().ShouldBe(250m - migNow);
        downLine.GetProperty("weeklyFromEffectiveDate").GetDecimal().ShouldBe(250m - migThen);
        downLine.GetProperty("difference").GetDecimal().ShouldBe(migNow - migThen);
        downLine.GetProperty("change").GetString().ShouldBe("Down");
        var sameLine = people.Single(l => l.GetProperty("personId").GetGuid() == same.Id);
        (sameLine.GetProperty("weeklyBefore").GetDecimal(), sameLine.GetProperty("weeklyFromEffectiveDate").GetDecimal(), sameLine.GetProperty("change").GetString()).ShouldBe((300m, 300m, "Same"));
        // The preview changes nothing.
        (await app.QueryAsync(provider, db => db.FinancialAssessments.CountAsync(f => f.PersonId == down.Id))).ShouldBe(1);

        // Only those who go down.
        using var onlyDown = await manager.Http.GetAsync($"/api/v1/charging/policies/{policyId}/uprating?change=Down", Ct);
        var downs = JsonDocument.Parse(await onlyDown.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("people").EnumerateArray().ToList();
        downs.ShouldContain(l => l.GetProperty("personId").GetGuid() == down.Id);
        downs.ShouldAllBe(l => l.GetProperty("change").GetString() == "Down");

        // Bad input names the field; an unknown policy is a 404; nothing starts before a run exists.
        using var bad = await manager.Http.GetAsync($"/api/v1/charging/policies/{policyId}/uprating?change=Sideways", Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").GetProperty("change")[0].GetString()!.ShouldContain("Same, Up, Down");
        (await manager.Http.GetAsync($"/api/v1/charging/policies/{Guid.NewGuid()}/uprating", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.Http.GetAsync($"/api/v1/charging/policies/{policyId}/uprating/progress", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The finance team manager's permission: a finance officer and a practitioner are refused, and start nothing.
        using var officer = await app.SignedInAsync(provider, DemoAccounts.Finance);
        (await officer.Http.GetAsync($"/api/v1/charging/policies/{policyId}/uprating", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await nurse.Http.GetAsync($"/api/v1/charging/policies/{policyId}/uprating", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.Http.PostAsync($"/api/v1/charging/policies/{policyId}/uprating", ApiContent.JsonWithoutBody(), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.Http.GetAsync($"/api/v1/charging/policies/{policyId}/uprating/progress", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.QueryAsync(provider, db => db.UpratingRuns.CountAsync(r => r.PolicyVersionId == policyId))).ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_StartsTheRun_ShowsProgress_ResumesItInBatches_AndAppliesNothingTwice(DatabaseProvider provider)
    {
        const int year = 2051;
        var (_, policyId) = await PoliciesAsync(provider, year);
        var people = new[] { await app.NewNorthPersonAsync(provider), await app.NewNorthPersonAsync(provider) };
        foreach (var p in people)
        {
            await CompletedAssessmentAsync(provider, p.Id, 250m);
        }

        using var manager = await app.SignedInAsync(provider, FinanceManager);
        using var started = await manager.Http.PostAsync($"/api/v1/charging/policies/{policyId}/uprating", ApiContent.JsonWithoutBody(), Ct);
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(Ct));
        started.Headers.Location!.ToString().ShouldBe($"/api/v1/charging/policies/{policyId}/uprating/progress");
        var run = JsonDocument.Parse(await started.Content.ReadAsStringAsync(Ct)).RootElement;
        run.GetProperty("status").GetString().ShouldBe("Running");
        var total = run.GetProperty("total").GetInt32();
        total.ShouldBeGreaterThanOrEqualTo(2);
        run.GetProperty("done").GetInt32().ShouldBe(0);

        // One run per policy.
        using var again = await manager.Http.PostAsync($"/api/v1/charging/policies/{policyId}/uprating", ApiContent.JsonWithoutBody(), Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        JsonDocument.Parse(await again.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errorCode").GetString().ShouldBe("uprating-already-run");

        // Carried on one person at a time, as if stopped after each: the progress says how far it got.
        async Task<JsonElement> ProgressAsync(HttpResponseMessage response)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        }

        using var badBatch = await manager.Http.PostAsync($"/api/v1/charging/policies/{policyId}/uprating/resume?batch=0", ApiContent.JsonWithoutBody(), Ct);
        badBatch.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await badBatch.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").TryGetProperty("batch", out _).ShouldBeTrue();
        using var notANumber = await manager.Http.PostAsync($"/api/v1/charging/policies/{policyId}/uprating/resume?batch=many", ApiContent.JsonWithoutBody(), Ct);
        notANumber.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notANumber.Content.ReadAsStringAsync(Ct)).ShouldContain("batch");

        var one = await ProgressAsync(await manager.Http.PostAsync($"/api/v1/charging/policies/{policyId}/uprating/resume?batch=1", ApiContent.JsonWithoutBody(), Ct));
        (one.GetProperty("done").GetInt32(), one.GetProperty("status").GetString()).ShouldBe((1, "Running"));
        var progress = await ProgressAsync(await manager.Http.GetAsync($"/api/v1/charging/policies/{policyId}/uprating/progress", Ct));
        (progress.GetProperty("done").GetInt32(), progress.GetProperty("total").GetInt32()).ShouldBe((1, total));

        for (var i = 0; i < 50 && progress.GetProperty("status").GetString() == "Running"; i++)
        {
            progress = await ProgressAsync(await manager.Http.PostAsync($"/api/v1/charging/policies/{policyId}/uprating/resume", ApiContent.JsonWithoutBody(), Ct));
        }

        progress.GetProperty("status").GetString().ShouldBe("Completed");
        progress.GetProperty("done").GetInt32().ShouldBe(progress.GetProperty("total").GetInt32());
        progress.GetProperty("completedAt").ValueKind.ShouldBe(JsonValueKind.String);

        // Resuming a completed run applies nothing twice: one new version each, from 1 April.
        var after = await ProgressAsync(await manager.Http.PostAsync($"/api/v1/charging/policies/{policyId}/uprating/resume", ApiContent.JsonWithoutBody(), Ct));
        after.GetProperty("done").GetInt32().ShouldBe(progress.GetProperty("done").GetInt32());
        var ids = people.Select(p => p.Id).ToList();
        var versions = await app.QueryAsync(provider, db => db.FinancialAssessments.AsNoTracking().Where(f => ids.Contains(f.PersonId)).ToListAsync());
        foreach (var p in people)
        {
            var theirs = versions.Where(v => v.PersonId == p.Id).OrderBy(v => v.Version).ToList();
            theirs.Count.ShouldBe(2);
            theirs[1].EffectiveFrom.ShouldBe(new DateOnly(year, 4, 1));
            theirs[1].CorrectionReason.ShouldBe("Annual uprating 2051–52");
        }

        // After the run, the uprating lists the run's people with their new versions.
        using var done = await manager.Http.GetAsync($"/api/v1/charging/policies/{policyId}/uprating", Ct);
        var json = JsonDocument.Parse(await done.Content.ReadAsStringAsync(Ct)).RootElement;
        json.GetProperty("run").GetProperty("status").GetString().ShouldBe("Completed");
        var line = json.GetProperty("people").EnumerateArray().Single(l => l.GetProperty("personId").GetGuid() == people[0].Id);
        line.GetProperty("newAssessmentId").GetGuid().ShouldBe(versions.Single(v => v.PersonId == people[0].Id && v.Version == 2).Id);
    }
}
