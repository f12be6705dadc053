using System.Net;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Reviews;

/// <summary>Steps of a review through the pages, as a practitioner would take them.</summary>
public static class ReviewJourney
{
    public const string Working = "The cooking sessions: I cook three times a week now";
    public const string NotWorking = "Getting to the allotment when the bus is late";

    /// <summary>Presses "Start the scheduled review" on the person's Reviews tab; returns the review's id.</summary>
    public static async Task<Guid> StartScheduledAsync(this Browser browser, Guid personId)
    {
        var tab = await browser.GetAsync($"/People/{personId}/Reviews");
        tab.Status.ShouldBe(HttpStatusCode.OK);
        var redirect = await browser.SubmitAsync(tab, [], $"form[action='/People/{personId}/Reviews/Start']");
        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        redirect.Location.ShouldNotBeNull().ShouldStartWith("/Reviews/");
        return Guid.Parse(redirect.Location.Split('/')[^1]);
    }

    public static async Task RecordFindingsAsync(this Browser browser, Guid reviewId, bool? directPaymentReviewed = null)
    {
        var form = await browser.GetAsync($"/Reviews/{reviewId}/Findings");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var saved = await browser.SubmitAsync(form, ("Participation", "InPerson"), ("WhatIsWorking", Working), ("WhatIsNotWorking", NotWorking),
            ("DirectPaymentReviewed", directPaymentReviewed is { } dp ? (dp ? "true" : "false") : null));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        saved.Location.ShouldBe($"/Reviews/{reviewId}");
    }

    public static async Task RecordOutcomesAsync(this Browser browser, Guid reviewId, ReviewScenario scenario, string achieved = "Fully")
    {
        foreach (var (id, _) in scenario.Outcomes)
        {
            var form = await browser.GetAsync($"/Reviews/{reviewId}/Outcomes/{id}");
            form.Status.ShouldBe(HttpStatusCode.OK);
            var saved = await browser.SubmitAsync(form, ("Achieved", achieved), ("PersonComment", "It has made a real difference"));
            saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        }
    }

    public static async Task<HtmlPage> DecideAsync(this Browser browser, Guid reviewId, string decision, string? note = null)
    {
        var form = await browser.GetAsync($"/Reviews/{reviewId}/Decision");
        form.Status.ShouldBe(HttpStatusCode.OK);
        return await browser.SubmitAsync(form, ("Decision", decision), ("DecisionNote", note));
    }
}
