using System.Net;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Eligibility;

/// <summary>The written record (s13) says what the law says: necessary care (reg 3(1)(a)), the period and pattern of fluctuating needs, outcomes in the regulation's order.</summary>
public sealed class WrittenRecordLawTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Carer_WhoseCareIsNotNecessary_IsToldWhatTheLawSays(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.CarerAsync(provider, person.Id, "Jo Carerexample", healthAtRisk: true, fromNecessaryCare: false, CarerOutcome.Recreation);
        await app.DecideAsync(provider, assessmentId, significantImpact: true, advice: "The carers' centre runs a weekly group");
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var record = await nurse.GetAsync($"/Assessments/{assessmentId}/WrittenRecord");

        record.Status.ShouldBe(HttpStatusCode.OK);
        HtmlPage.Text(record.Document.GetElementById("reason-necessary-care")).ShouldBe(
            $"The law says a carer's needs must arise because they provide necessary care to an adult: care that the adult needs. We found that your needs do not arise from providing care that {person.DisplayName} needs.");
        record.BodyText.ShouldNotContain("do not come from the care you give");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task FluctuatingNeeds_TheRecordGivesThePeriodAndThePatternConsidered(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2, fluctuates: true);
        await app.DecideAsync(provider, assessmentId);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var record = await nurse.GetAsync($"/Assessments/{assessmentId}/WrittenRecord");

        record.SummaryValue("The period we looked at").ShouldBe(CompletedAssessments.FluctuationPeriod);
        record.SummaryValue("How your needs change").ShouldBe(CompletedAssessments.FluctuationPattern);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task NeedsThatDoNotFluctuate_NoSuchSection(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2);
        await app.DecideAsync(provider, assessmentId);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var record = await nurse.GetAsync($"/Assessments/{assessmentId}/WrittenRecord");

        record.Document.GetElementById("fluctuation").ShouldBeNull();
        record.BodyText.ShouldNotContain("How your needs change over time");
    }
}
