using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>Support plans over JSON, with the same rules as the pages. Every write carries the plan's revision and returns the plan with its new one.</summary>
public static class SupportPlansApi
{
    public static RouteGroupBuilder MapSupportPlansEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/people/{id:guid}/plans", async (Guid id, SupportPlanService plans, CancellationToken ct) =>
            {
                var list = await plans.PersonPlansAsync(id, ct);
                return TypedResults.Ok(new PlanListDto(list.CannotStartReason is null, list.CannotStartReason, list.Versions));
            })
            .RequirePermission(Permission.ViewPeople)
            .WithTags("Support plans").WithName("ListPlans").WithSummary("Every version of a person's support plan, newest first, and whether a plan can be started (or why not).");

        api.MapPost("/people/{id:guid}/plans", async (Guid id, SupportPlanService plans, CancellationToken ct) =>
            {
                var plan = await plans.StartAsync(id, ct);
                return TypedResults.Created($"/api/v1/plans/{plan.Id}", PlanDto.From(await plans.LoadAsync(plan.Id, ct)));
            })
            .RequirePermission(Permission.PlanSupport)
            .WithTags("Support plans").WithName("StartPlan")
            .WithSummary("Start a plan for an eligible person with an indicative budget. 400 plan-cannot-start (with the reason) otherwise; 409 plan-version-exists while a version is open.");

        var plans = api.MapGroup("/plans").WithTags("Support plans");

        plans.MapGet("/{id:guid}", async (Guid id, SupportPlanService service, CancellationToken ct) => TypedResults.Ok(PlanDto.From(await service.ViewAsync(id, ct))))
            .RequirePermission(Permission.ViewPeople)
            .WithName("GetPlan").WithSummary("A plan with its costs, its variance from the indicative amount and what is missing before it can be submitted.");

        plans.MapPut("/{id:guid}/sections/{section}", async (Guid id, string section, SectionRequest request, SupportPlanService service, CancellationToken ct) =>
                TypedResults.Ok(PlanDto.From(await service.SetSectionAsync(id, ParseSection(section), request.Text, request.WrittenBy, Rev(request.Revision), ct))))
            .RequirePermission(Permission.PlanSupport)
            .WithName("SetPlanSection").WithSummary("Write a section (AboutMe, WhatMatters, Contingency) and who wrote it.");

        plans.MapPut("/{id:guid}/outcomes", async (Guid id, OutcomesRequest request, SupportPlanService service, CancellationToken ct) =>
                TypedResults.Ok(PlanDto.From(await service.SetOutcomesAsync(id, request.Outcomes ?? [], request.WrittenBy, Rev(request.Revision), ct))))
            .RequirePermission(Permission.PlanSupport)
            .WithName("SetPlanOutcomes").WithSummary("Replace the outcomes the person wants, in their own words (1 to 10).");

        plans.MapPut("/{id:guid}/needs/{need}", async (Guid id, string need, NeedRequest request, SupportPlanService service, CancellationToken ct) =>
                TypedResults.Ok(PlanDto.From(await service.SetNeedAsync(id, ParseNeed(need), request.HowMet, request.WrittenBy, Rev(request.Revision), ct))))
            .RequirePermission(Permission.PlanSupport)
            .WithName("SetPlanNeed").WithSummary("How one eligible need will be met. 404 for a need that is not eligible.");

        plans.MapPost("/{id:guid}/elements", async (Guid id, ElementRequest request, SupportPlanService service, CancellationToken ct) =>
                TypedResults.Ok(PlanDto.From(await service.SaveElementAsync(id, null, request.ToInput(), Rev(request.Revision), null, ct))))
            .RequirePermission(Permission.PlanSupport)
            .WithName("AddPlanElement").WithSummary("Add a costed element. Refuses negative costs, zero units, an end before the start, and double-counting.");

        plans.MapPut("/{id:guid}/elements/{elementId:guid}", async (Guid id, Guid elementId, ElementRequest request, SupportPlanService service, CancellationToken ct) =>
                TypedResults.Ok(PlanDto.From(await service.SaveElementAsync(id, elementId, request.ToInput(), Rev(request.Revision), null, ct))))
            .RequirePermission(Permission.PlanSupport)
            .WithName("ChangePlanElement").WithSummary("Change a costed element.");

        plans.MapDelete("/{id:guid}/elements/{elementId:guid}", async (Guid id, Guid elementId, [FromBody] RevisionRequest request, SupportPlanService service, CancellationToken ct) =>
                TypedResults.Ok(PlanDto.From(await service.RemoveElementAsync(id, elementId, Rev(request.Revision), ct))))
            .RequirePermission(Permission.PlanSupport)
            .WithName("RemovePlanElement").WithSummary("Remove a costed element (the body carries the revision).");

        plans.MapPost("/{id:guid}/risks", async (Guid id, RiskRequest request, SupportPlanService service, CancellationToken ct) =>
                TypedResults.Ok(PlanDto.From(await service.SaveRiskAsync(id, null, new RiskInput(request.Description, request.Level, request.IsPositiveRisk == true, request.WhatWillBeDone, request.WhoDoesIt), Rev(request.Revision), ct))))
            .RequirePermission(Permission.PlanSupport)
            .WithName("AddPlanRisk").WithSummary("Add a risk, what will be done and who does it; positive risks are ones the person chooses to take.");

        plans.MapDelete("/{id:guid}/risks/{riskId:guid}", async (Guid id, Guid riskId, [FromBody] RevisionRequest request, SupportPlanService service, CancellationToken ct) =>
                TypedResults.Ok(PlanDto.From(await service.RemoveRiskAsync(id, riskId, Rev(request.Revision), ct))))
            .RequirePermission(Permission.PlanSupport)
            .WithName("RemovePlanRisk").WithSummary("Remove a risk (the body carries the revision).");

        plans.MapPut("/{id:guid}/funding", async (Guid id, FundingRequest request, SupportPlanService service, CancellationToken ct) =>
                TypedResults.Ok(PlanDto.From(await service.SetFundingAsync(id, request.AssessedContributionWeekly, request.NhsShareWeekly, request.VarianceReason, request.SignificantRisk, Rev(request.Revision), null, ct))))
            .RequirePermission(Permission.PlanSupport)
            .WithName("SetPlanFunding").WithSummary("The assessed contribution (zero under section 117), the NHS share, the reason for a difference from the indicative amount, and significant risk.");

        plans.MapPut("/{id:guid}/agreement", async (Guid id, AgreementRequest request, SupportPlanService service, CancellationToken ct) =>
                TypedResults.Ok(PlanDto.From(await service.RecordAgreementAsync(id, request.Agreement, request.AgreementInOwnWords, request.Participation, request.BestInterestsConsulted, Rev(request.Revision), ct))))
            .RequirePermission(Permission.PlanSupport)
            .WithName("RecordPlanAgreement").WithSummary("The person's agreement in their own words, and how they took part.");

        plans.MapPost("/{id:guid}/submit", async (Guid id, RevisionRequest request, SupportPlanService service, CancellationToken ct) =>
                TypedResults.Ok(PlanDto.From(await service.SubmitAsync(id, Rev(request.Revision), ct))))
            .RequirePermission(Permission.PlanSupport)
            .WithName("SubmitPlan").WithSummary("Submit for approval: 400 with the gaps as field errors, else the plan with its approval route, decider and due date.");

        plans.MapPost("/{id:guid}/revisions", async (Guid id, ReviseRequest request, SupportPlanService service, CancellationToken ct) =>
            {
                var next = await service.ReviseAsync(id, request.Reason, request.Revision, ct);
                return TypedResults.Created($"/api/v1/plans/{next.Id}", PlanDto.From(await service.LoadAsync(next.Id, ct)));
            })
            .RequirePermission(Permission.PlanSupport)
            .WithName("RevisePlan").WithSummary("Make a new draft version of the approved plan, with a reason. 409 while another draft exists.");

        return api;
    }

    private static int Rev(int? revision) =>
        revision ?? throw new ValidationFailedException([new FieldError("Revision", "Give the revision of the plan you are changing")]);

    private static PlanSection ParseSection(string section) =>
        Enum.TryParse<PlanSection>(section, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(section, out _) ? s : throw new NotFoundException("The section");

    private static EligibleNeed ParseNeed(string need) =>
        EligibleNeed.Parse(need) is { } n ? n : throw new NotFoundException("The eligible need");

    public sealed record RevisionRequest(int? Revision);

    public sealed record ReviseRequest(string? Reason, int? Revision);

    public sealed record SectionRequest(int? Revision, string? Text, PlanContributor? WrittenBy);

    public sealed record OutcomesRequest(int? Revision, IReadOnlyList<string?>? Outcomes, PlanContributor? WrittenBy);

    public sealed record NeedRequest(int? Revision, string? HowMet, PlanContributor? WrittenBy);

    public sealed record ElementRequest(int? Revision, string? Description, ServiceCategory? Category, string? Provider, decimal? UnitCost, UnitType? UnitType,
        decimal? UnitsPerWeek, DateOnly? StartDate, DateOnly? EndDate, Deployment? Deployment, string? MeetsNeed)
    {
        /// <summary>The need is given by its code: an adult's outcome (for example "Nutrition"), or a carer's ("CarerRecreation", "CarerHealth").</summary>
        public ElementInput ToInput() => new(Description, Category, Provider, UnitCost, UnitType, UnitsPerWeek, StartDate, EndDate, Deployment,
            string.IsNullOrEmpty(MeetsNeed) ? null
                : EligibleNeed.Parse(MeetsNeed) ?? throw new ValidationFailedException([new FieldError(nameof(MeetsNeed), "Select one of the person's eligible needs, or none")]));
    }

    public sealed record RiskRequest(int? Revision, string? Description, RiskLevel? Level, bool? IsPositiveRisk, string? WhatWillBeDone, string? WhoDoesIt);

    public sealed record FundingRequest(int? Revision, decimal? AssessedContributionWeekly, decimal? NhsShareWeekly, string? VarianceReason, bool? SignificantRisk);

    public sealed record AgreementRequest(int? Revision, PlanAgreement? Agreement, string? AgreementInOwnWords, Participation? Participation, string? BestInterestsConsulted);

    public sealed record PlanListDto(bool CanStart, string? CannotStartReason, IReadOnlyList<PlanVersionSummary> Items);

    public sealed record SectionDto(PlanSection Section, string Text, PlanContributor WrittenBy);

    public sealed record OutcomeDto(Guid Id, int Order, string Text, PlanContributor WrittenBy);

    public sealed record NeedDto(string Need, string Label, string? HowMet, PlanContributor? WrittenBy);

    public sealed record ElementDto(Guid Id, string Description, ServiceCategory Category, string Provider, decimal UnitCost, UnitType UnitType, decimal UnitsPerWeek,
        decimal WeeklyCost, DateOnly StartDate, DateOnly? EndDate, Deployment Deployment, string? MeetsNeed);

    public sealed record RiskDto(Guid Id, string Description, RiskLevel Level, bool IsPositiveRisk, string WhatWillBeDone, string WhoDoesIt);

    public sealed record GapDto(string Field, string Message);

    public sealed record ApprovalDto(Guid Id, ApprovalRoute Route, DateOnly DueDate, string? Decider, ApprovalOutcome? Outcome);

    public sealed record PlanDto(
        Guid Id,
        Guid PersonId,
        int Number,
        PlanStatus Status,
        int Revision,
        Guid? PreviousVersionId,
        string? RevisionReason,
        string Author,
        DateTimeOffset CreatedAt,
        DateTimeOffset? SubmittedAt,
        DateTimeOffset? ApprovedAt,
        DateTimeOffset UpdatedAt,
        string UpdatedBy,
        decimal WeeklyCost,
        decimal AnnualCost,
        decimal? IndicativeWeekly,
        decimal? VariancePercent,
        bool VarianceReasonNeeded,
        string? VarianceReason,
        decimal AssessedContributionWeekly,
        decimal NhsShareWeekly,
        bool? SignificantRisk,
        bool Section117,
        IReadOnlyList<SectionDto> Sections,
        IReadOnlyList<OutcomeDto> Outcomes,
        IReadOnlyList<NeedDto> Needs,
        IReadOnlyList<ElementDto> Elements,
        IReadOnlyList<RiskDto> Risks,
        PlanAgreement? Agreement,
        string? AgreementInOwnWords,
        Participation? Participation,
        string? BestInterestsConsulted,
        IReadOnlyList<GapDto> Gaps,
        ApprovalDto? Approval)
    {
        public static PlanDto From(PlanView v)
        {
            var p = v.Plan;
            return new(p.Id, p.PersonId, p.Number, p.Status, p.Revision, p.PreviousVersionId, p.RevisionReason, p.AuthorName, p.CreatedAt, p.SubmittedAt, p.ApprovedAt,
                p.UpdatedAt, p.UpdatedByName, p.WeeklyCost, p.AnnualCost, p.IndicativeWeekly, v.VariancePercent, v.NeedsVarianceReason, p.VarianceReason,
                p.AssessedContributionWeekly, p.NhsShareWeekly, p.SignificantRisk, v.Section117,
                p.Sections.OrderBy(s => s.Section).Select(s => new SectionDto(s.Section, s.Text, s.WrittenBy)).ToList(),
                p.Outcomes.OrderBy(o => o.Order).Select(o => new OutcomeDto(o.Id, o.Order, o.Text, o.WrittenBy)).ToList(),
                v.EligibleNeeds.Select(n => p.Needs.FirstOrDefault(m => m.Need == n) is { } m ? new NeedDto(n.Code, n.Label(), m.HowMet, m.WrittenBy) : new NeedDto(n.Code, n.Label(), null, null)).ToList(),
                p.Elements.OrderBy(e => e.StartDate).Select(e => new ElementDto(e.Id, e.Description, e.Category, e.Provider, e.UnitCost, e.UnitType, e.UnitsPerWeek, e.WeeklyCost,
                    e.StartDate, e.EndDate, e.Deployment, e.MeetsNeed?.Code)).ToList(),
                p.Risks.Select(r => new RiskDto(r.Id, r.Description, r.Level, r.IsPositiveRisk, r.WhatWillBeDone, r.WhoDoesIt)).ToList(),
                p.Agreement, p.AgreementInOwnWords, p.Participation, p.BestInterestsConsulted,
                p.IsEditable ? v.Gaps.Select(g => new GapDto(g.Field, g.Message)).ToList() : [],
                v.Approval is { } a ? new ApprovalDto(a.Id, a.Route, a.DueDate, a.DeciderName, a.Outcome) : null);
        }
    }
}
