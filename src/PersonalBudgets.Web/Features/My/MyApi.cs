using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.My;

public sealed record MeResponse(Guid PersonId, string Name, string? KeyWorker, IReadOnlyList<string> Teams, string? TeamPhone, string? TeamEmail);

public sealed record NextStepResponse(PathwayStage Stage, string? OwnerName, Profession? OwnerProfession, DateOnly DueDate, bool IsOverdue);

public sealed record PastStepResponse(PathwayStage Stage, DateTimeOffset CompletedAt, string? CompletedBy);

public sealed record MyPathwayResponse(PathwayStage? StageNow, bool Ended, NextStepResponse? NextStep, IReadOnlyList<PastStepResponse> Before);

/// <summary>
/// The person's API (ADR 0029): inside their area, so their cookie reaches it and nothing else does; the person's own
/// scheme only, and always their own record (no person in any route). Each read is audited as the page's is.
/// </summary>
public static class MyApi
{
    public const string Prefix = "/my/api/v1";

    public static void MapMyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization(PersonAuthentication.Policy).DisableAntiforgery().ProducesProblem(401).ProducesProblem(403);

        api.MapGet("/me", async (HttpContext http, MyContext my, MyRecordService records) =>
        {
            var personId = my.PersonId;
            var v = await records.OverviewAsync(personId, http.RequestAborted);
            return TypedResults.Ok(new MeResponse(personId, v.Name, v.KeyWorker, v.Teams, v.Contact.Phone, v.Contact.Email));
        }).AllowRepresentatives(RepresentativeScopes.SeeSupport);

        api.MapGet("/pathway", async (HttpContext http, MyContext my, MyRecordService records) =>
        {
            var v = await records.OverviewAsync(my.PersonId, http.RequestAborted);
            return TypedResults.Ok(new MyPathwayResponse(v.StageNow, v.PathwayEnded, ToResponse(v.NextStep),
                v.Before.Select(s => new PastStepResponse(s.Stage, s.CompletedAt, s.CompletedBy)).ToList()));
        }).AllowRepresentatives(RepresentativeScopes.SeeSupport);

        api.MapGet("/next-step", async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<NextStepResponse>, Microsoft.AspNetCore.Http.HttpResults.NoContent>> (HttpContext http, MyContext my, MyRecordService records) =>
        {
            var v = await records.OverviewAsync(my.PersonId, http.RequestAborted);
            return ToResponse(v.NextStep) is { } next ? TypedResults.Ok(next) : TypedResults.NoContent();
        }).AllowRepresentatives(RepresentativeScopes.SeeSupport);

        api.MapMyRecordApi();
        // What the person does (ADR 0031), in a group of its own with the staff API's input and forgery checks.
        TakingPart.MyPartApi.MapMyPartApi(app);
    }

    private static NextStepResponse? ToResponse(MyNextStep? s) =>
        s is null ? null : new NextStepResponse(s.Stage, s.OwnerName, s.OwnerProfession, s.DueDate, s.IsOverdue);
}
