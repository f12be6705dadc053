namespace PersonalBudgets.Web.Features.My.TakingPart;

/// <summary>The addresses of what the person does in their own area (ADR 0031), lower case as <see cref="MyPaths"/>. No personal data in any of them.</summary>
public static class MyPartPaths
{
    public const string Plan = "/my/plan";
    public const string Write = "/my/plan/write";
    public const string Agree = "/my/plan/agree";
    public const string Requests = "/my/requests";
    public const string AskForReview = "/my/requests/review";
    public const string Challenge = "/my/requests/challenge";

    /// <summary>Before a review: how the outcomes went and how the process felt (ADR 0033).</summary>
    public const string Questionnaire = "/my/reviews/questionnaire";

    /// <summary>"Tell us about your needs": the person's self-assessment in their own words.</summary>
    public const string SelfAssessment = "/my/self-assessment";

    /// <summary>The write page for a part of the plan; the part is a fixed word, not data about the person.</summary>
    public static string WritePart(Core.TakingPart.PlanDraftKind kind) => $"{Write}?part={PartName(kind)}";

    public static string PartName(Core.TakingPart.PlanDraftKind kind) => kind switch
    {
        Core.TakingPart.PlanDraftKind.AboutMe => "about-me",
        Core.TakingPart.PlanDraftKind.WhatMatters => "what-matters",
        Core.TakingPart.PlanDraftKind.Outcome => "outcome",
        _ => "idea",
    };

    public static Core.TakingPart.PlanDraftKind? ParsePart(string? part) => part switch
    {
        "about-me" => Core.TakingPart.PlanDraftKind.AboutMe,
        "what-matters" => Core.TakingPart.PlanDraftKind.WhatMatters,
        "outcome" => Core.TakingPart.PlanDraftKind.Outcome,
        "idea" => Core.TakingPart.PlanDraftKind.Idea,
        _ => null,
    };
}
