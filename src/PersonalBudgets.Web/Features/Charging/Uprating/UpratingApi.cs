using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Charging.Uprating;

/// <summary>
/// The April uprating over JSON (issue 14 item 5, ADR 0032) with the pages' permission (finance team managers): the
/// preview of every person's contribution before and from 1 April (or, once started, the run's people), starting the run,
/// its progress, and carrying a running run on now rather than at the background service's next tick.
/// </summary>
public static class UpratingApi
{
    public static RouteGroupBuilder MapUpratingApi(this RouteGroupBuilder api)
    {
        var uprating = "/charging/policies/{id:guid}/uprating";
        api.MapGet(uprating, async (Guid id, string? change, UpratingService service, CancellationToken ct) =>
            {
                var only = ParseChange(change);
                return TypedResults.Ok(UpratingDto.From(await service.GetAsync(id, ct), only));
            })
            .RequirePermission(Permission.ApplyUprating)
            .WithTags("Charging").WithName("GetUprating")
            .WithSummary("The uprating of a published policy: before a run, the preview (each person's weekly contribution before and from 1 April, and how it changes); after, the run's people and progress. change=Up|Down|Same|StartsPaying|StopsPaying lists only those.");

        api.MapPost(uprating, async (Guid id, UpratingService service, CancellationToken ct) =>
            {
                var run = await service.StartAsync(id, ct);
                return TypedResults.Accepted($"/api/v1/charging/policies/{id}/uprating/progress", ProgressDto.From(run));
            })
            .RequirePermission(Permission.ApplyUprating)
            .WithTags("Charging").WithName("StartUprating")
            .WithSummary("Start the uprating run of a published policy in force: 202 with its progress; the run carries on in the background. 409 if it already has a run.");

        api.MapGet(uprating + "/progress", async (Guid id, UpratingService service, CancellationToken ct) =>
                TypedResults.Ok(ProgressDto.From(await service.RunOfAsync(id, ct))))
            .RequirePermission(Permission.ApplyUprating)
            .WithTags("Charging").WithName("GetUpratingProgress")
            .WithSummary("The run's progress: status (Running or Completed), how many of how many done. 404 before it starts.");

        api.MapPost(uprating + "/resume", async (Guid id, int? batch, UpratingService service, UpratingProcessor processor, CancellationToken ct) =>
            {
                if (batch is < 1 or > 500)
                {
                    throw new ValidationFailedException([new FieldError("batch", "The batch must be from 1 to 500 people")]);
                }

                var run = await service.RunOfAsync(id, ct);
                await processor.ProcessAsync(run.Id, batch ?? UpratingProcessor.BatchSize, ct);
                return TypedResults.Ok(ProgressDto.From(await service.RunOfAsync(id, ct)));
            })
            .RequirePermission(Permission.ApplyUprating)
            .WithTags("Charging").WithName("ResumeUprating")
            .WithSummary("Carry a running run on now by up to batch people (default 50, 1 to 500): a run stopped part-way carries on where it stopped and nobody gets two new versions. A completed run is left as it is. 404 before it starts.");

        return api;
    }

    private static UpratingChange? ParseChange(string? change)
    {
        if (string.IsNullOrEmpty(change))
        {
            return null;
        }

        return Enum.TryParse<UpratingChange>(change, ignoreCase: true, out var c) && Enum.IsDefined(c) && !int.TryParse(change, out _)
            ? c
            : throw new ValidationFailedException([new FieldError("change", "The change must be one of Same, Up, Down, StartsPaying or StopsPaying")]);
    }

    public sealed record ProgressDto(Guid RunId, string Reason, DateOnly EffectiveFrom, UpratingRunStatus Status, int Total, int Done, DateTimeOffset StartedAt, string StartedBy, DateTimeOffset? CompletedAt)
    {
        public static ProgressDto From(UpratingRun r) => new(r.Id, r.Reason, r.EffectiveFrom, r.Status, r.Total, r.Done, r.StartedAt, r.StartedByName, r.CompletedAt);
    }

    public sealed record LineDto(Guid PersonId, string PersonIdentifier, string PersonName, int AssessmentVersion, decimal WeeklyBefore, decimal? WeeklyFromEffectiveDate,
        decimal? Difference, UpratingChange? Change, string? Note, Guid? NewAssessmentId);

    public sealed record CountsDto(int Same, int Up, int Down, int StartsPaying, int StopsPaying, int NotRecalculated);

    public sealed record UpratingDto(Guid PolicyId, int PolicyNumber, int FinancialYearStart, string Reason, DateOnly EffectiveFrom, ProgressDto? Run, CountsDto Counts, IReadOnlyList<LineDto> People)
    {
        public static UpratingDto From(UpratingView v, UpratingChange? only) => new(
            v.Policy.Id, v.Policy.Number, v.Policy.FinancialYearStart, UpratingRules.Reason(v.Policy.FinancialYearStart), v.EffectiveFrom,
            v.Run is { } r ? ProgressDto.From(r) : null,
            new CountsDto(v.Count(UpratingChange.Same), v.Count(UpratingChange.Up), v.Count(UpratingChange.Down), v.Count(UpratingChange.StartsPaying), v.Count(UpratingChange.StopsPaying), v.NotRecalculated),
            v.Lines.Where(l => only is null || l.Change == only)
                .Select(l => new LineDto(l.PersonId, l.PersonIdentifier, l.PersonName, l.Version, l.Before, l.After, l.Difference, l.Change, l.Note, l.NewAssessmentId)).ToList());
    }
}
