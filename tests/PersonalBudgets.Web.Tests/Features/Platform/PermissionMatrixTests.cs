using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Infrastructure.Security;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Platform;

/// <summary>
/// Every endpoint, discovered from the application's own endpoint data source, against every role and an anonymous
/// user. Deny by default: an endpoint that names no permission, or that this table does not know, fails the test.
/// </summary>
public sealed class PermissionMatrixTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Anonymous = "anonymous";
    private const string SignedIn = "signed-in";

    /// <summary>What each endpoint must require. Keyed by route pattern (and method for API endpoints).</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["/Account/SignIn"] = Anonymous,
        ["/Account/SignOut"] = Anonymous,
        ["/Error"] = Anonymous,
        ["/health/live"] = Anonymous,
        ["/health/ready"] = Anonymous,
        ["/Account/AccessDenied"] = SignedIn,
        ["/"] = nameof(Permission.UseService),
        ["/Index"] = nameof(Permission.UseService),
        ["GET /openapi/{documentName}.json"] = nameof(Permission.UseService),
        ["/People"] = nameof(Permission.ViewPeople),
        ["/People/Index"] = nameof(Permission.ViewPeople),
        ["/People/Create"] = nameof(Permission.CreatePeople),
        ["/People/{id:guid}"] = nameof(Permission.ViewPeople),
        ["/People/{id:guid}/Edit"] = nameof(Permission.EditPeople),
        ["/People/{id:guid}/Allocation"] = nameof(Permission.ViewPeople),
        ["/People/{id:guid}/History"] = nameof(Permission.ViewPeople),
        ["/People/{id:guid}/BreakGlass"] = nameof(Permission.ViewPeople),
        ["/Teams"] = nameof(Permission.ViewTeams),
        ["/Teams/Index"] = nameof(Permission.ViewTeams),
        ["/Teams/{id:guid}"] = nameof(Permission.ViewTeams),
        ["/Admin/Accounts"] = nameof(Permission.ManageAccounts),
        ["/Admin/Accounts/Index"] = nameof(Permission.ManageAccounts),
        ["/Admin/Accounts/Create"] = nameof(Permission.ManageAccounts),
        ["/Admin/Accounts/{id:guid}"] = nameof(Permission.ManageAccounts),
        ["/Admin/Audit"] = nameof(Permission.ViewAudit),
        ["/Admin/Audit/Index"] = nameof(Permission.ViewAudit),
        ["/Admin/BreakGlass"] = nameof(Permission.ViewAudit),
        ["GET /api/v1/people/"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/search"] = nameof(Permission.ViewPeople),
        ["GET /api/v1/people/{id:guid}"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/"] = nameof(Permission.CreatePeople),
        ["PUT /api/v1/people/{id:guid}"] = nameof(Permission.EditPeople),
        ["GET /api/v1/people/{id:guid}/allocation"] = nameof(Permission.ViewPeople),
        ["PUT /api/v1/people/{id:guid}/allocation"] = nameof(Permission.AllocatePeople),
        ["GET /api/v1/people/{id:guid}/history"] = nameof(Permission.ViewPeople),
        ["/Admin/Ras"] = nameof(Permission.ManageRas),
        ["/Admin/Ras/{id:guid}"] = nameof(Permission.ManageRas),
        ["/Admin/Ras/{id:guid}/Questions/{questionId?}"] = nameof(Permission.ManageRas),
        ["/Admin/Ras/{id:guid}/Questions/{questionId}/Answers/{answerId?}"] = nameof(Permission.ManageRas),
        ["/Admin/Ras/{id:guid}/Conversion"] = nameof(Permission.ManageRas),
        ["/Admin/Ras/{id:guid}/Publish"] = nameof(Permission.ManageRas),
        ["/People/{id:guid}/Budget"] = nameof(Permission.ViewPeople),
        ["/People/{id:guid}/Budget/New"] = nameof(Permission.AssessPeople),
        ["/People/{id:guid}/Budget/{budgetId:guid}"] = nameof(Permission.ViewPeople),
        ["/People/{id:guid}/Budget/{budgetId:guid}/Challenge"] = nameof(Permission.AssessPeople),
        ["/People/{id:guid}/Budget/{budgetId:guid}/Challenges/{challengeId:guid}"] = nameof(Permission.DecideBudgetChallenges),
        ["GET /api/v1/ras/published"] = nameof(Permission.ViewPeople),
        ["GET /api/v1/people/{id:guid}/indicative-budgets"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/{id:guid}/indicative-budgets"] = nameof(Permission.AssessPeople),
        ["GET /api/v1/indicative-budgets/{id:guid}"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/indicative-budgets/{id:guid}/challenges"] = nameof(Permission.AssessPeople),
        ["/Assessments/{id:guid}/Eligibility"] = nameof(Permission.AssessPeople),
        ["/Assessments/{id:guid}/WrittenRecord"] = nameof(Permission.ViewPeople),
        ["/People/{id:guid}/Offers"] = nameof(Permission.ViewPeople),
        ["/People/{id:guid}/Offers/New"] = nameof(Permission.AssessPeople),
        ["GET /api/v1/assessments/{id:guid}/eligibility"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/assessments/{id:guid}/eligibility"] = nameof(Permission.AssessPeople),
        ["GET /api/v1/people/{id:guid}/offers"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/{id:guid}/offers"] = nameof(Permission.AssessPeople),
        ["/People/{id:guid}/Assessments"] = nameof(Permission.ViewPeople),
        ["/People/{id:guid}/Assessments/Start"] = nameof(Permission.AssessPeople),
        ["/Assessments/{id:guid}"] = nameof(Permission.ViewPeople),
        ["/Assessments/{id:guid}/History"] = nameof(Permission.ViewPeople),
        ["/Assessments/{id:guid}/Correct"] = nameof(Permission.AssessPeople),
        ["/Assessments/{id:guid}/About"] = nameof(Permission.AssessPeople),
        ["/Assessments/{id:guid}/WhoTookPart"] = nameof(Permission.AssessPeople),
        ["/Assessments/{id:guid}/WhatMatters"] = nameof(Permission.AssessPeople),
        ["/Assessments/{id:guid}/Outcomes"] = nameof(Permission.AssessPeople),
        ["/Assessments/{id:guid}/Outcomes/{outcome}"] = nameof(Permission.AssessPeople),
        ["/Assessments/{id:guid}/Fluctuation"] = nameof(Permission.AssessPeople),
        ["/Assessments/{id:guid}/Wellbeing"] = nameof(Permission.AssessPeople),
        ["/Assessments/{id:guid}/UnpaidCarer"] = nameof(Permission.AssessPeople),
        ["/Assessments/{id:guid}/Advocacy"] = nameof(Permission.AssessPeople),
        ["/Assessments/{id:guid}/CarerNeeds"] = nameof(Permission.AssessPeople),
        ["/Assessments/{id:guid}/CheckAnswers"] = nameof(Permission.AssessPeople),
        ["GET /api/v1/people/{id:guid}/assessments"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/{id:guid}/assessments"] = nameof(Permission.AssessPeople),
        ["GET /api/v1/assessments/{id:guid}"] = nameof(Permission.ViewPeople),
        ["/People/{id:guid}/Plans"] = nameof(Permission.ViewPeople),
        ["/People/{id:guid}/Plans/Start"] = nameof(Permission.PlanSupport),
        ["/Plans/{planId:guid}"] = nameof(Permission.ViewPeople),
        ["/Plans/{planId:guid}/Sections/{section}"] = nameof(Permission.PlanSupport),
        ["/Plans/{planId:guid}/Outcomes"] = nameof(Permission.PlanSupport),
        ["/Plans/{planId:guid}/Needs/{need}"] = nameof(Permission.PlanSupport),
        ["/Plans/{planId:guid}/Elements/{elementId}"] = nameof(Permission.PlanSupport),
        ["/Plans/{planId:guid}/Elements/{elementId:guid}/Remove"] = nameof(Permission.PlanSupport),
        ["/Plans/{planId:guid}/Risks/{riskId}"] = nameof(Permission.PlanSupport),
        ["/Plans/{planId:guid}/Risks/{riskId:guid}/Remove"] = nameof(Permission.PlanSupport),
        ["/Plans/{planId:guid}/Funding"] = nameof(Permission.PlanSupport),
        ["/Plans/{planId:guid}/Agreement"] = nameof(Permission.PlanSupport),
        ["/Plans/{planId:guid}/Submit"] = nameof(Permission.PlanSupport),
        ["/Plans/{planId:guid}/Print"] = nameof(Permission.ViewPeople),
        ["/Plans/{planId:guid}/Revise"] = nameof(Permission.PlanSupport),
        ["/Plans/{planId:guid}/Changes"] = nameof(Permission.ViewPeople),
        ["GET /api/v1/people/{id:guid}/plans"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/{id:guid}/plans"] = nameof(Permission.PlanSupport),
        ["GET /api/v1/plans/{id:guid}"] = nameof(Permission.ViewPeople),
        ["PUT /api/v1/plans/{id:guid}/sections/{section}"] = nameof(Permission.PlanSupport),
        ["PUT /api/v1/plans/{id:guid}/outcomes"] = nameof(Permission.PlanSupport),
        ["PUT /api/v1/plans/{id:guid}/needs/{need}"] = nameof(Permission.PlanSupport),
        ["POST /api/v1/plans/{id:guid}/elements"] = nameof(Permission.PlanSupport),
        ["PUT /api/v1/plans/{id:guid}/elements/{elementId:guid}"] = nameof(Permission.PlanSupport),
        ["DELETE /api/v1/plans/{id:guid}/elements/{elementId:guid}"] = nameof(Permission.PlanSupport),
        ["POST /api/v1/plans/{id:guid}/risks"] = nameof(Permission.PlanSupport),
        ["DELETE /api/v1/plans/{id:guid}/risks/{riskId:guid}"] = nameof(Permission.PlanSupport),
        ["PUT /api/v1/plans/{id:guid}/funding"] = nameof(Permission.PlanSupport),
        ["PUT /api/v1/plans/{id:guid}/agreement"] = nameof(Permission.PlanSupport),
        ["POST /api/v1/plans/{id:guid}/submit"] = nameof(Permission.PlanSupport),
        ["POST /api/v1/plans/{id:guid}/revisions"] = nameof(Permission.PlanSupport),
        ["GET /api/v1/teams/"] = nameof(Permission.ViewTeams),
        ["/Approvals"] = nameof(Permission.ApproveWithinLimit),
        ["/Approvals/{requestId:guid}"] = nameof(Permission.ViewPeople),
        ["/Panels"] = nameof(Permission.DecideAtPanel),
        ["/Panels/New"] = nameof(Permission.DecideAtPanel),
        ["/Panels/{meetingId:guid}"] = nameof(Permission.DecideAtPanel),
        ["/Panels/{meetingId:guid}/Items/{requestId:guid}"] = nameof(Permission.DecideAtPanel),
        ["/People/{id:guid}/PersonalBudget"] = nameof(Permission.ViewPeople),
        ["/PersonalBudgets/{budgetId:guid}/Statement"] = nameof(Permission.ViewPeople),
        ["GET /api/v1/approvals"] = nameof(Permission.ApproveWithinLimit),
        ["GET /api/v1/approvals/{id:guid}"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/approvals/{id:guid}/decision"] = nameof(Permission.ViewPeople),
        ["GET /api/v1/panels"] = nameof(Permission.DecideAtPanel),
        ["POST /api/v1/panels"] = nameof(Permission.DecideAtPanel),
        ["GET /api/v1/panels/{id:guid}"] = nameof(Permission.DecideAtPanel),
        ["POST /api/v1/panels/{id:guid}/agenda"] = nameof(Permission.DecideAtPanel),
        ["GET /api/v1/people/{id:guid}/personal-budgets"] = nameof(Permission.ViewPeople),
        ["GET /api/v1/personal-budgets/{id:guid}"] = nameof(Permission.ViewPeople),
        ["GET /api/v1/teams/{id:guid}"] = nameof(Permission.ViewTeams),
        ["/People/{id:guid}/Reviews"] = nameof(Permission.ViewPeople),
        ["/People/{id:guid}/Reviews/Start"] = nameof(Permission.PlanSupport),
        ["/People/{id:guid}/Reviews/Request"] = nameof(Permission.PlanSupport),
        ["/Reviews/{reviewId:guid}"] = nameof(Permission.ViewPeople),
        ["/Reviews/{reviewId:guid}/Findings"] = nameof(Permission.PlanSupport),
        ["/Reviews/{reviewId:guid}/Outcomes/{planOutcomeId:guid}"] = nameof(Permission.PlanSupport),
        ["/Reviews/{reviewId:guid}/Decision"] = nameof(Permission.PlanSupport),
        ["/Reviews/{reviewId:guid}/Print"] = nameof(Permission.ViewPeople),
        ["GET /api/v1/people/{id:guid}/reviews"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/{id:guid}/reviews"] = nameof(Permission.PlanSupport),
        ["GET /api/v1/reviews/{id:guid}"] = nameof(Permission.ViewPeople),
        ["PUT /api/v1/reviews/{id:guid}/outcomes/{outcomeId:guid}"] = nameof(Permission.PlanSupport),
        ["PUT /api/v1/reviews/{id:guid}/findings"] = nameof(Permission.PlanSupport),
        ["POST /api/v1/reviews/{id:guid}/completion"] = nameof(Permission.PlanSupport),
        ["/People/{id:guid}/Pathway"] = nameof(Permission.ViewPeople),
        ["/People/{id:guid}/Pathway/Refer"] = nameof(Permission.PlanSupport),
        ["/People/{id:guid}/Pathway/End"] = nameof(Permission.PlanSupport),
        ["/People/{id:guid}/Pathway/Steps/{stepId:guid}/Owner"] = nameof(Permission.ManageTeamWork),
        ["/Work"] = nameof(Permission.PlanSupport),
        ["/Work/Team"] = nameof(Permission.ManageTeamWork),
        ["/Notifications"] = nameof(Permission.UseService),
        ["/Admin/ServiceStandards"] = nameof(Permission.ManageServiceStandards),
        ["GET /api/v1/people/{id:guid}/pathway"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/{id:guid}/pathway/referral"] = nameof(Permission.PlanSupport),
        ["POST /api/v1/people/{id:guid}/pathway/end"] = nameof(Permission.PlanSupport),
        ["GET /api/v1/service-standards"] = nameof(Permission.UseService),
        ["GET /api/v1/work/mine"] = nameof(Permission.PlanSupport),
        ["GET /api/v1/work/team"] = nameof(Permission.ManageTeamWork),
        ["PUT /api/v1/steps/{id:guid}/owner"] = nameof(Permission.ManageTeamWork),
    };

    /// <summary>One demo account per role (team managers also hold the practitioner role).</summary>
    private static readonly Dictionary<Role, string> AccountFor = new()
    {
        [Role.Practitioner] = "nurse@northmoor.example",
        [Role.TeamManager] = "manager.north@northmoor.example",
        [Role.PanelMember] = "panel@northmoor.example",
        [Role.FinanceOfficer] = "finance@northmoor.example",
        [Role.Analyst] = "analyst@northmoor.example",
        [Role.Administrator] = "admin@northmoor.example",
    };

    private sealed record EndpointInfo(string Key, string Pattern, string? Method, string Requirement);

    private async Task<IReadOnlyList<EndpointInfo>> EndpointsAsync()
    {
        var factory = await app.FactoryAsync(DatabaseProvider.Sqlite);
        var sources = factory.Services.GetServices<EndpointDataSource>();
        var result = new List<EndpointInfo>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            var method = methods is { Count: 1 } ? methods[0] : null;
            var key = method is null ? pattern : $"{method} {pattern}";
            var requirement =
                endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? Anonymous
                : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p?.StartsWith(PermissionPolicies.Prefix, StringComparison.Ordinal) == true) is { } policy
                    ? policy[PermissionPolicies.Prefix.Length..]
                : endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null ? SignedIn
                : "none";
            result.Add(new EndpointInfo(key, pattern, method, requirement));
        }

        return result.DistinctBy(e => e.Key).ToList();
    }

    [Fact]
    public async Task EveryEndpoint_NamesTheExpectedPermission()
    {
        var endpoints = await EndpointsAsync();

        endpoints.Count.ShouldBeGreaterThan(20);
        var problems = new List<string>();
        foreach (var e in endpoints)
        {
            if (!Expected.TryGetValue(e.Key, out var expected))
            {
                problems.Add($"{e.Key} is not in the permission matrix (it requires {e.Requirement}): add it, with an explicit permission");
            }
            else if (expected != e.Requirement)
            {
                problems.Add($"{e.Key} requires {e.Requirement}, expected {expected}");
            }
        }

        foreach (var missing in Expected.Keys.Except(endpoints.Select(e => e.Key)))
        {
            problems.Add($"{missing} is in the matrix but the application has no such endpoint");
        }

        problems.ShouldBeEmpty();
    }

    public static TheoryData<string> Callers()
    {
        var data = new TheoryData<string> { Anonymous };
        foreach (var role in Enum.GetValues<Role>())
        {
            data.Add(role.ToString());
        }

        return data;
    }

    /// <summary>
    /// Each caller against each endpoint: denied exactly when their role lacks the permission. Allowed callers may
    /// still meet a 400 (no antiforgery token, no body) or a record-level refusal, but never the permission refusal.
    /// </summary>
    [Theory]
    [MemberData(nameof(Callers))]
    public async Task EveryEndpoint_AllowsExactlyTheRolesWithItsPermission(string caller)
    {
        var endpoints = await EndpointsAsync();
        var roles = caller == Anonymous ? [] : new[] { Enum.Parse<Role>(caller) }.Concat(caller == nameof(Role.TeamManager) ? [Role.Practitioner] : []).ToArray();
        using var browser = await app.BrowserAsync(DatabaseProvider.Sqlite);
        if (caller != Anonymous)
        {
            await browser.SignInAsync(AccountFor[Enum.Parse<Role>(caller)]);
        }

        // A North person every North team member may see, and the North team.
        var personId = "00000000-0000-4000-8000-000000001000";
        var teamId = "00000000-0000-4000-8000-000000000011";
        var failures = new List<string>();
        foreach (var e in endpoints.Where(e => e.Requirement is not Anonymous))
        {
            var isTeam = e.Pattern.StartsWith("/Teams", StringComparison.Ordinal) || e.Pattern.StartsWith("/api/v1/teams", StringComparison.Ordinal);
            var path = e.Pattern.Replace("{id:guid}", isTeam ? teamId : personId, StringComparison.Ordinal)
                .Replace("{documentName}", "v1", StringComparison.Ordinal);
            // Any other route value (a budget, challenge, question or answer): a value the route accepts.
            path = System.Text.RegularExpressions.Regex.Replace(path, @"\{\w+:guid\}", "00000000-0000-4000-8000-00000000ffff");
            path = System.Text.RegularExpressions.Regex.Replace(path, @"\{\w+\??\}", "x");
            if (e.Pattern.StartsWith("/Admin/Accounts/{id", StringComparison.Ordinal))
            {
                path = "/Admin/Accounts/00000000-0000-4000-8000-000000000100";
            }

            var allowed = caller != Anonymous && (e.Requirement == SignedIn || roles.Any(r => RolePermissions.Has(r, Enum.Parse<Permission>(e.Requirement))));
            foreach (var method in e.Method is null ? new[] { "GET", "POST" } : [e.Method])
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT")
                {
                    request.Content = path.StartsWith("/api", StringComparison.Ordinal)
                        ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json")
                        : new FormUrlEncodedContent([]);
                }

                using var response = await browser.Http.SendAsync(request, TestContext.Current.CancellationToken);
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.OriginalString ?? "";
                var refused = status is 401 or 403 && (path.StartsWith("/api", StringComparison.Ordinal) ? !(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Contains("record-access-denied", StringComparison.Ordinal) : true)
                    || location.Contains("/Account/SignIn", StringComparison.Ordinal)
                    || location.Contains("/Account/AccessDenied", StringComparison.Ordinal);
                if (allowed && refused)
                {
                    failures.Add($"{method} {path}: {caller} should be allowed ({e.Requirement}) but got {status} {location}");
                }
                else if (!allowed && !refused)
                {
                    failures.Add($"{method} {path}: {caller} should be refused ({e.Requirement}) but got {status} {location}");
                }
                else if (!allowed && caller == Anonymous && path.StartsWith("/api", StringComparison.Ordinal) && status != 401)
                {
                    failures.Add($"{method} {path}: anonymous API callers should get 401, got {status}");
                }
                else if (!allowed && caller != Anonymous && path.StartsWith("/api", StringComparison.Ordinal) && status != 403)
                {
                    failures.Add($"{method} {path}: {caller} should get 403 ProblemDetails, got {status}");
                }
            }
        }

        failures.ShouldBeEmpty();
    }
}
