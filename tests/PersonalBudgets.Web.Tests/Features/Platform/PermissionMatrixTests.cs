using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Infrastructure.Security;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Platform;

/// <summary>
/// Every handler, discovered from the application's own endpoints (each API endpoint, and each GET, POST and named
/// handler of each page), against every role and an anonymous user. Deny by default: a handler that names no
/// permission, or that this table does not know, fails the test.
/// </summary>
public sealed class PermissionMatrixTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Anonymous = "anonymous";
    private const string SignedIn = "signed-in";

    /// <summary>The person's own sign-in (ADR 0029), which no staff role has.</summary>
    private const string Person = "person";

    /// <summary>What each handler must require. Keyed by method and route pattern, and the handler's name if it has one.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["GET /Account/SignIn"] = Anonymous,
        ["POST /Account/SignIn"] = Anonymous,
        ["GET /Account/SignOut"] = Anonymous,
        ["POST /Account/SignOut"] = Anonymous,
        ["POST /Account/SignOut?handler=Everywhere"] = Anonymous,
        ["GET /Account/ChangePassword"] = SignedIn,
        ["POST /Account/ChangePassword"] = SignedIn,
        ["GET /Account/KeepAlive"] = SignedIn,
        ["POST /Account/KeepAlive"] = SignedIn,
        ["GET /Error"] = Anonymous,
        ["POST /Error"] = Anonymous,
        ["/health/live"] = Anonymous,
        ["/health/ready"] = Anonymous,
        ["GET /Account/AccessDenied"] = SignedIn,
        ["GET /"] = nameof(Permission.UseService),
        ["GET /Index"] = nameof(Permission.UseService),
        ["GET /openapi/{documentName}.json"] = nameof(Permission.UseService),
        ["GET /People"] = nameof(Permission.ViewPeople),
        ["POST /People"] = nameof(Permission.ViewPeople),
        ["GET /People/Index"] = nameof(Permission.ViewPeople),
        ["POST /People/Index"] = nameof(Permission.ViewPeople),
        ["GET /People/Create"] = nameof(Permission.CreatePeople),
        ["POST /People/Create"] = nameof(Permission.CreatePeople),
        ["GET /People/{id:guid}"] = nameof(Permission.ViewPeople),
        ["GET /People/{id:guid}/Edit"] = nameof(Permission.EditPeople),
        ["POST /People/{id:guid}/Edit"] = nameof(Permission.EditPeople),
        ["GET /People/{id:guid}/Allocation"] = nameof(Permission.ViewPeople),
        ["POST /People/{id:guid}/Allocation"] = Both(Permission.ViewPeople, Permission.AllocatePeople),
        ["GET /People/{id:guid}/History"] = nameof(Permission.ViewPeople),
        ["GET /People/{id:guid}/BreakGlass"] = nameof(Permission.ViewPeople),
        ["POST /People/{id:guid}/BreakGlass"] = nameof(Permission.ViewPeople),
        ["GET /Dashboard"] = nameof(Permission.ViewDashboard),
        ["GET /Dashboard?handler=Csv"] = nameof(Permission.ViewDashboard),
        ["GET /Dashboard?handler=Xlsx"] = nameof(Permission.ViewDashboard),
        ["GET /Dashboard/People"] = nameof(Permission.ViewDashboard),
        ["GET /Dashboard/People?handler=Csv"] = nameof(Permission.ViewDashboard),
        ["GET /Dashboard/People?handler=Xlsx"] = nameof(Permission.ViewDashboard),
        ["GET /Teams"] = nameof(Permission.ViewTeams),
        ["GET /Teams/Index"] = nameof(Permission.ViewTeams),
        ["GET /Teams/{id:guid}"] = nameof(Permission.ViewTeams),
        ["GET /Admin/Accounts"] = nameof(Permission.ManageAccounts),
        ["GET /Admin/Accounts/Index"] = nameof(Permission.ManageAccounts),
        ["GET /Admin/Accounts/Create"] = nameof(Permission.ManageAccounts),
        ["POST /Admin/Accounts/Create"] = nameof(Permission.ManageAccounts),
        ["GET /Admin/Accounts/{id:guid}"] = nameof(Permission.ManageAccounts),
        ["POST /Admin/Accounts/{id:guid}"] = nameof(Permission.ManageAccounts),
        ["POST /Admin/Accounts/{id:guid}?handler=Deactivate"] = nameof(Permission.ManageAccounts),
        ["POST /Admin/Accounts/{id:guid}?handler=Reactivate"] = nameof(Permission.ManageAccounts),
        ["POST /Admin/Accounts/{id:guid}?handler=Unlock"] = nameof(Permission.ManageAccounts),
        ["POST /Admin/Accounts/{id:guid}?handler=ResetPassword"] = nameof(Permission.ManageAccounts),
        ["GET /Admin/Audit"] = nameof(Permission.ViewAudit),
        ["GET /Admin/Outbox"] = nameof(Permission.ManageAccounts),
        ["GET /People/{id:guid}/OnlineAccount"] = nameof(Permission.ViewPeople),
        ["POST /People/{id:guid}/OnlineAccount"] = Both(Permission.ViewPeople, Permission.PlanSupport),
        ["GET /People/{id:guid}/Representatives"] = nameof(Permission.ViewPeople),
        ["POST /People/{id:guid}/Representatives"] = Both(Permission.ViewPeople, Permission.PlanSupport),
        ["POST /People/{id:guid}/Representatives?handler=End"] = Both(Permission.ViewPeople, Permission.PlanSupport),
        ["GET /People/{id:guid}/Representatives/Change"] = nameof(Permission.PlanSupport),
        ["POST /People/{id:guid}/Representatives/Change"] = nameof(Permission.PlanSupport),
        // The person's own area (ADR 0029): its own scheme; PersonAreaSecurityTests holds its matrix.
        ["GET /my/sign-in"] = Anonymous,
        ["POST /my/sign-in"] = Anonymous,
        ["GET /my/sign-in/code"] = Anonymous,
        ["POST /my/sign-in/code"] = Anonymous,
        ["GET /my/start"] = Anonymous,
        ["POST /my/start"] = Anonymous,
        ["GET /my/start/password"] = Anonymous,
        ["POST /my/start/password"] = Anonymous,
        ["GET /my/start/authenticator"] = Anonymous,
        ["POST /my/start/authenticator"] = Anonymous,
        ["GET /my/signed-out"] = Anonymous,
        ["GET /my"] = Person,
        ["GET /my/account"] = Person,
        ["GET /my/budget"] = Person,
        ["GET /my/representatives"] = Person,
        ["POST /my/representatives?handler=End"] = Person,
        ["GET /my/representatives/add"] = Person,
        ["POST /my/representatives/add"] = Person,
        ["GET /my/representatives/change"] = Person,
        ["POST /my/representatives/change"] = Person,
        ["GET /my/reviews/questionnaire"] = Person,
        ["POST /my/reviews/questionnaire"] = Person,
        ["GET /my/self-assessment"] = Person,
        ["POST /my/self-assessment"] = Person,
        ["POST /my/self-assessment?handler=Send"] = Person,
        ["GET /my/choose"] = Person,
        ["POST /my/choose"] = Person,
        ["GET /my/sign-out"] = Person,
        ["POST /my/sign-out"] = Person,
        ["POST /my/sign-out?handler=Everywhere"] = Person,
        ["GET /my/api/v1/me"] = Person,
        ["GET /my/api/v1/pathway"] = Person,
        ["GET /my/api/v1/next-step"] = Person,
        ["GET /my/record"] = Person,
        ["GET /my/assessment"] = Person,
        ["GET /my/eligibility"] = Person,
        ["GET /my/indicative-budget"] = Person,
        ["GET /my/plan/versions"] = Person,
        ["GET /my/plan/versions/{id:guid}"] = Person,
        ["GET /my/reviews"] = Person,
        ["GET /my/direct-payment"] = Person,
        ["GET /my/who-looked"] = Person,
        ["GET /my/api/v1/assessments"] = Person,
        ["GET /my/api/v1/eligibility"] = Person,
        ["GET /my/api/v1/indicative-budget"] = Person,
        ["GET /my/api/v1/plan/versions"] = Person,
        ["GET /my/api/v1/plan/versions/current"] = Person,
        ["GET /my/api/v1/plan/versions/{id:guid}"] = Person,
        ["GET /my/api/v1/reviews"] = Person,
        ["GET /my/api/v1/direct-payment"] = Person,
        ["GET /my/api/v1/access-log"] = Person,
        // What the person does in their own area (ADR 0031).
        ["GET /my/plan"] = Person,
        ["GET /my/api/v1/plan"] = Person,
        ["GET /my/plan/write"] = Person,
        ["POST /my/plan/write"] = Person,
        ["GET /my/plan/agree"] = Person,
        ["POST /my/plan/agree"] = Person,
        ["GET /my/requests"] = Person,
        ["GET /my/requests/review"] = Person,
        ["POST /my/requests/review"] = Person,
        ["GET /my/requests/challenge"] = Person,
        ["POST /my/requests/challenge"] = Person,
        ["POST /my/api/v1/plan/drafts"] = Person,
        ["POST /my/api/v1/plan/agreement"] = Person,
        ["GET /my/api/v1/requests"] = Person,
        ["POST /my/api/v1/requests"] = Person,
        ["GET /my/api/v1/review/questionnaire"] = Person,
        ["POST /my/api/v1/review/questionnaire"] = Person,
        ["GET /my/api/v1/self-assessment"] = Person,
        ["POST /my/api/v1/self-assessment"] = Person,
        ["POST /my/api/v1/self-assessment/send"] = Person,
        // The staff side of it.
        ["GET /Plans/{planId:guid}/PersonsWords"] = nameof(Permission.PlanSupport),
        ["POST /Plans/{planId:guid}/PersonsWords?handler=Accept"] = nameof(Permission.PlanSupport),
        ["POST /Plans/{planId:guid}/PersonsWords?handler=Discuss"] = nameof(Permission.PlanSupport),
        ["GET /People/{id:guid}/Requests"] = nameof(Permission.PlanSupport),
        ["POST /People/{id:guid}/Requests?handler=Answer"] = nameof(Permission.PlanSupport),
        ["GET /People/{id:guid}/SelfAssessment"] = nameof(Permission.AssessPeople),
        ["POST /People/{id:guid}/SelfAssessment?handler=Copy"] = nameof(Permission.AssessPeople),
        ["POST /People/{id:guid}/SelfAssessment?handler=Checked"] = nameof(Permission.AssessPeople),
        ["GET /Admin/Audit/Index"] = nameof(Permission.ViewAudit),
        ["GET /Admin/BreakGlass"] = nameof(Permission.ViewAudit),
        ["POST /Admin/BreakGlass?handler=Review"] = nameof(Permission.ViewAudit),
        ["GET /api/v1/people/"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/search"] = nameof(Permission.ViewPeople),
        ["GET /api/v1/people/{id:guid}"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/"] = nameof(Permission.CreatePeople),
        ["PUT /api/v1/people/{id:guid}"] = nameof(Permission.EditPeople),
        ["GET /api/v1/people/{id:guid}/allocation"] = nameof(Permission.ViewPeople),
        ["PUT /api/v1/people/{id:guid}/allocation"] = nameof(Permission.AllocatePeople),
        ["GET /api/v1/people/{id:guid}/history"] = nameof(Permission.ViewPeople),
        ["GET /Admin/Charging"] = nameof(Permission.ManageChargingPolicy),
        ["POST /Admin/Charging"] = nameof(Permission.ManageChargingPolicy),
        ["GET /Admin/Charging/{id:guid}"] = nameof(Permission.ManageChargingPolicy),
        ["POST /Admin/Charging/{id:guid}"] = nameof(Permission.ManageChargingPolicy),
        ["POST /Admin/Charging/{id:guid}?handler=Publish"] = nameof(Permission.ManageChargingPolicy),
        ["GET /People/{id:guid}/Finance"] = nameof(Permission.ViewPeople),
        ["POST /People/{id:guid}/Finance?handler=Start"] = Both(Permission.ViewPeople, Permission.AssessFinances),
        ["GET /People/{id:guid}/Finance/{assessmentId:guid}"] = nameof(Permission.ViewPeople),
        ["POST /People/{id:guid}/Finance/{assessmentId:guid}?handler=Complete"] = Both(Permission.ViewPeople, Permission.AssessFinances),
        ["POST /People/{id:guid}/Finance/{assessmentId:guid}?handler=Correct"] = Both(Permission.ViewPeople, Permission.AssessFinances),
        ["POST /People/{id:guid}/Finance/{assessmentId:guid}?handler=Review"] = Both(Permission.ViewPeople, Permission.AssessFinances),
        ["POST /People/{id:guid}/Finance/{assessmentId:guid}?handler=Decide"] = Both(Permission.ViewPeople, Permission.DecideFinanceReviews),
        ["GET /People/{id:guid}/Finance/{assessmentId:guid}/Edit"] = nameof(Permission.AssessFinances),
        ["POST /People/{id:guid}/Finance/{assessmentId:guid}/Edit"] = nameof(Permission.AssessFinances),
        ["GET /People/{id:guid}/Finance/{assessmentId:guid}/Letter"] = nameof(Permission.AssessFinances),
        ["GET /Finance/Work"] = nameof(Permission.AssessFinances),
        ["GET /Finance/Uprating/{id:guid}"] = nameof(Permission.ApplyUprating),
        ["GET /Finance/Uprating/{id:guid}?handler=Csv"] = nameof(Permission.ApplyUprating),
        ["POST /Finance/Uprating/{id:guid}?handler=Start"] = nameof(Permission.ApplyUprating),
        ["GET /Finance/Uprating/{id:guid}/Letters"] = nameof(Permission.ApplyUprating),
        ["GET /api/v1/people/{id:guid}/financial-assessments"] = nameof(Permission.ViewPeople),
        ["PUT /api/v1/people/{id:guid}/financial-assessments/{assessmentId:guid}"] = nameof(Permission.AssessFinances),
        ["POST /api/v1/people/{id:guid}/financial-assessments/{assessmentId:guid}/complete"] = nameof(Permission.AssessFinances),
        ["GET /api/v1/charging/policies/{id:guid}/uprating"] = nameof(Permission.ApplyUprating),
        ["POST /api/v1/charging/policies/{id:guid}/uprating"] = nameof(Permission.ApplyUprating),
        ["GET /api/v1/charging/policies/{id:guid}/uprating/progress"] = nameof(Permission.ApplyUprating),
        ["POST /api/v1/charging/policies/{id:guid}/uprating/resume"] = nameof(Permission.ApplyUprating),
        ["GET /api/v1/dashboard/charging"] = nameof(Permission.ViewDashboard),
        // Issue 15 slice B (ADR 0035): providers, commissioned services, invoices, direct payment account monitoring.
        ["GET /Providers"] = nameof(Permission.ViewProviders),
        ["GET /Providers/Add"] = nameof(Permission.ManageProviders),
        ["POST /Providers/Add"] = nameof(Permission.ManageProviders),
        ["GET /Providers/{providerId:guid}"] = nameof(Permission.ViewProviders),
        ["POST /Providers/{providerId:guid}?handler=Rate"] = Both(Permission.ViewProviders, Permission.ManageProviders),
        ["POST /Providers/{providerId:guid}?handler=Bank"] = Both(Permission.ViewProviders, Permission.ViewBankDetails),
        ["GET /Providers/{providerId:guid}/Invoices/{invoiceId:guid}"] = nameof(Permission.PayProviders),
        ["POST /Providers/{providerId:guid}/Invoices/{invoiceId:guid}?handler=Approve"] = nameof(Permission.PayProviders),
        ["POST /Providers/{providerId:guid}/Invoices/{invoiceId:guid}?handler=Query"] = nameof(Permission.PayProviders),
        ["GET /People/{id:guid}/Monitoring"] = nameof(Permission.ViewPeople),
        ["POST /People/{id:guid}/Monitoring?handler=Import"] = Both(Permission.ViewPeople, Permission.MonitorDirectPayments),
        ["POST /People/{id:guid}/Monitoring?handler=Resolve"] = Both(Permission.ViewPeople, Permission.MonitorDirectPayments),
        ["POST /People/{id:guid}/Monitoring?handler=Reclaim"] = Both(Permission.ViewPeople, Permission.MonitorDirectPayments),
        ["POST /People/{id:guid}/Monitoring?handler=Take"] = Both(Permission.ViewPeople, Permission.MonitorDirectPayments),
        ["GET /People/{id:guid}/Monitoring/{accountId:guid}/Reclaims/{reclaimId:guid}/Letter"] = nameof(Permission.MonitorDirectPayments),
        ["GET /People/{id:guid}/Monitoring/Open"] = nameof(Permission.MonitorDirectPayments),
        ["POST /People/{id:guid}/Monitoring/Open"] = nameof(Permission.MonitorDirectPayments),
        ["GET /People/{id:guid}/Monitoring/{accountId:guid}/PayIn"] = nameof(Permission.MonitorDirectPayments),
        ["POST /People/{id:guid}/Monitoring/{accountId:guid}/PayIn"] = nameof(Permission.MonitorDirectPayments),
        ["GET /People/{id:guid}/Services"] = nameof(Permission.ViewPeople),
        ["GET /People/{id:guid}/Services/Commission"] = nameof(Permission.PayProviders),
        ["POST /People/{id:guid}/Services/Commission"] = nameof(Permission.PayProviders),
        ["GET /People/{id:guid}/Services/{serviceId:guid}/End"] = nameof(Permission.PayProviders),
        ["POST /People/{id:guid}/Services/{serviceId:guid}/End"] = nameof(Permission.PayProviders),
        // ADR 0040: suspending, resuming and changing a commissioned service, like ending one.
        ["GET /People/{id:guid}/Services/{serviceId:guid}/Suspend"] = nameof(Permission.PayProviders),
        ["POST /People/{id:guid}/Services/{serviceId:guid}/Suspend"] = nameof(Permission.PayProviders),
        ["GET /People/{id:guid}/Services/{serviceId:guid}/Resume"] = nameof(Permission.PayProviders),
        ["POST /People/{id:guid}/Services/{serviceId:guid}/Resume"] = nameof(Permission.PayProviders),
        ["GET /People/{id:guid}/Services/{serviceId:guid}/Change"] = nameof(Permission.PayProviders),
        ["POST /People/{id:guid}/Services/{serviceId:guid}/Change"] = nameof(Permission.PayProviders),
        ["GET /Providers/{providerId:guid}/Invoices/New"] = nameof(Permission.PayProviders),
        ["POST /Providers/{providerId:guid}/Invoices/New"] = nameof(Permission.PayProviders),
        ["POST /Providers/{providerId:guid}/Invoices/New?handler=AddLine"] = nameof(Permission.PayProviders),
        ["GET /api/v1/providers"] = nameof(Permission.ViewProviders),
        ["POST /api/v1/providers"] = nameof(Permission.ManageProviders),
        ["GET /api/v1/providers/{providerId:guid}"] = nameof(Permission.ViewProviders),
        ["PUT /api/v1/providers/{providerId:guid}"] = nameof(Permission.ManageProviders),
        ["PUT /api/v1/providers/{providerId:guid}/bank-details"] = nameof(Permission.ViewBankDetails),
        ["POST /api/v1/providers/{providerId:guid}/rates"] = nameof(Permission.ManageProviders),
        ["GET /api/v1/people/{id:guid}/commissioned-services"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/{id:guid}/commissioned-services"] = nameof(Permission.PayProviders),
        ["POST /api/v1/people/{id:guid}/commissioned-services/{serviceId:guid}/suspensions"] = nameof(Permission.PayProviders),
        ["POST /api/v1/people/{id:guid}/commissioned-services/{serviceId:guid}/resume"] = nameof(Permission.PayProviders),
        ["POST /api/v1/people/{id:guid}/commissioned-services/{serviceId:guid}/changes"] = nameof(Permission.PayProviders),
        ["GET /api/v1/providers/{providerId:guid}/invoices"] = nameof(Permission.PayProviders),
        ["POST /api/v1/providers/{providerId:guid}/invoices"] = nameof(Permission.PayProviders),
        ["GET /api/v1/providers/{providerId:guid}/invoices/{invoiceId:guid}"] = nameof(Permission.PayProviders),
        ["POST /api/v1/providers/{providerId:guid}/invoices/{invoiceId:guid}/approve"] = nameof(Permission.PayProviders),
        ["POST /api/v1/providers/{providerId:guid}/invoices/{invoiceId:guid}/query"] = nameof(Permission.PayProviders),
        ["GET /api/v1/people/{id:guid}/dp-accounts"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/{id:guid}/dp-accounts"] = nameof(Permission.MonitorDirectPayments),
        ["GET /api/v1/people/{id:guid}/dp-accounts/{accountId:guid}"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/{id:guid}/dp-accounts/{accountId:guid}/pay-ins"] = nameof(Permission.MonitorDirectPayments),
        ["POST /api/v1/people/{id:guid}/dp-accounts/{accountId:guid}/statements"] = nameof(Permission.MonitorDirectPayments),
        ["POST /api/v1/people/{id:guid}/dp-accounts/{accountId:guid}/check"] = nameof(Permission.MonitorDirectPayments),
        ["POST /api/v1/people/{id:guid}/dp-accounts/{accountId:guid}/flags/{flagId:guid}/resolve"] = nameof(Permission.MonitorDirectPayments),
        ["POST /api/v1/people/{id:guid}/dp-accounts/{accountId:guid}/reclaims"] = nameof(Permission.MonitorDirectPayments),
        ["POST /api/v1/people/{id:guid}/dp-accounts/{accountId:guid}/reclaims/{reclaimId:guid}/take"] = nameof(Permission.MonitorDirectPayments),
        ["GET /People/{id:guid}/DirectPayment"] = nameof(Permission.ViewPeople),
        ["POST /People/{id:guid}/DirectPayment?handler=Start"] = Both(Permission.ViewPeople, Permission.ManageDirectPayments),
        ["POST /People/{id:guid}/DirectPayment?handler=Sign"] = Both(Permission.ViewPeople, Permission.ManageDirectPayments),
        ["GET /People/{id:guid}/DirectPayment/{directPaymentId:guid}/SetUp"] = nameof(Permission.ManageDirectPayments),
        ["POST /People/{id:guid}/DirectPayment/{directPaymentId:guid}/SetUp"] = nameof(Permission.ManageDirectPayments),
        ["GET /People/{id:guid}/DirectPayment/{directPaymentId:guid}/Agreement"] = nameof(Permission.ViewPeople),
        ["GET /People/{id:guid}/DirectPayment/{directPaymentId:guid}/Change"] = nameof(Permission.ManageDirectPayments),
        ["POST /People/{id:guid}/DirectPayment/{directPaymentId:guid}/Change"] = nameof(Permission.ManageDirectPayments),
        ["GET /DirectPayments"] = nameof(Permission.ManageDirectPayments),
        ["POST /DirectPayments"] = nameof(Permission.ManageDirectPayments),
        ["GET /DirectPayments/Runs/{runId:guid}"] = nameof(Permission.ManageDirectPayments),
        ["GET /DirectPayments/Runs/{runId:guid}?handler=File"] = nameof(Permission.ManageDirectPayments),
        ["POST /DirectPayments/Runs/{runId:guid}?handler=Approve"] = nameof(Permission.ManageDirectPayments),
        ["POST /DirectPayments/Runs/{runId:guid}?handler=Cancel"] = nameof(Permission.ManageDirectPayments),
        ["GET /api/v1/people/{id:guid}/direct-payments"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/{id:guid}/direct-payments"] = nameof(Permission.ManageDirectPayments),
        ["PUT /api/v1/people/{id:guid}/direct-payments/{directPaymentId:guid}"] = nameof(Permission.ManageDirectPayments),
        ["POST /api/v1/people/{id:guid}/direct-payments/{directPaymentId:guid}/signature"] = nameof(Permission.ManageDirectPayments),
        ["POST /api/v1/people/{id:guid}/direct-payments/{directPaymentId:guid}/suspension"] = nameof(Permission.ManageDirectPayments),
        ["POST /api/v1/people/{id:guid}/direct-payments/{directPaymentId:guid}/end"] = nameof(Permission.ManageDirectPayments),
        ["GET /api/v1/payment-runs"] = nameof(Permission.ManageDirectPayments),
        ["POST /api/v1/payment-runs"] = nameof(Permission.ManageDirectPayments),
        ["GET /api/v1/payment-runs/{runId:guid}"] = nameof(Permission.ManageDirectPayments),
        ["POST /api/v1/payment-runs/{runId:guid}/approval"] = nameof(Permission.ManageDirectPayments),
        ["POST /api/v1/payment-runs/{runId:guid}/cancellation"] = nameof(Permission.ManageDirectPayments),
        ["GET /api/v1/payment-runs/{runId:guid}/file"] = nameof(Permission.ManageDirectPayments),
        ["GET /Admin/Ras"] = nameof(Permission.ManageRas),
        ["POST /Admin/Ras"] = nameof(Permission.ManageRas),
        ["GET /Admin/Ras/{id:guid}"] = nameof(Permission.ManageRas),
        ["GET /Admin/Ras/{id:guid}/Questions/{questionId?}"] = nameof(Permission.ManageRas),
        ["POST /Admin/Ras/{id:guid}/Questions/{questionId?}"] = nameof(Permission.ManageRas),
        ["GET /Admin/Ras/{id:guid}/Questions/{questionId}/Answers/{answerId?}"] = nameof(Permission.ManageRas),
        ["POST /Admin/Ras/{id:guid}/Questions/{questionId}/Answers/{answerId?}"] = nameof(Permission.ManageRas),
        ["GET /Admin/Ras/{id:guid}/Conversion"] = nameof(Permission.ManageRas),
        ["POST /Admin/Ras/{id:guid}/Conversion"] = nameof(Permission.ManageRas),
        ["POST /Admin/Ras/{id:guid}/Conversion?handler=AddBand"] = nameof(Permission.ManageRas),
        ["GET /Admin/Ras/{id:guid}/Publish"] = nameof(Permission.ManageRas),
        ["POST /Admin/Ras/{id:guid}/Publish"] = nameof(Permission.ManageRas),
        ["GET /Admin/Ras/{id:guid}/Delete"] = nameof(Permission.ManageRas),
        ["POST /Admin/Ras/{id:guid}/Delete"] = nameof(Permission.ManageRas),
        ["GET /Admin/Ras/{id:guid}/Remove"] = nameof(Permission.ManageRas),
        ["POST /Admin/Ras/{id:guid}/Remove"] = nameof(Permission.ManageRas),
        ["GET /Admin/Ras/{id:guid}/Analysis"] = nameof(Permission.ManageRas),
        ["GET /Admin/Ras/{id:guid}/Analysis?handler=Csv"] = nameof(Permission.ManageRas),
        ["GET /Admin/Ras/{id:guid}/Analysis?handler=Xlsx"] = nameof(Permission.ManageRas),
        ["GET /People/{id:guid}/Budget"] = nameof(Permission.ViewPeople),
        ["GET /People/{id:guid}/Budget/New"] = nameof(Permission.AssessPeople),
        ["POST /People/{id:guid}/Budget/New"] = nameof(Permission.AssessPeople),
        ["GET /People/{id:guid}/Budget/{budgetId:guid}"] = nameof(Permission.ViewPeople),
        ["GET /People/{id:guid}/Budget/{budgetId:guid}/Print"] = nameof(Permission.ViewPeople),
        ["GET /People/{id:guid}/Budget/{budgetId:guid}/Challenge"] = nameof(Permission.AssessPeople),
        ["POST /People/{id:guid}/Budget/{budgetId:guid}/Challenge"] = nameof(Permission.AssessPeople),
        ["GET /People/{id:guid}/Budget/{budgetId:guid}/Challenges/{challengeId:guid}"] = nameof(Permission.DecideBudgetChallenges),
        ["POST /People/{id:guid}/Budget/{budgetId:guid}/Challenges/{challengeId:guid}"] = nameof(Permission.DecideBudgetChallenges),
        ["GET /api/v1/ras/published"] = nameof(Permission.ViewPeople),
        ["GET /api/v1/people/{id:guid}/indicative-budgets"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/{id:guid}/indicative-budgets"] = nameof(Permission.AssessPeople),
        ["GET /api/v1/indicative-budgets/{id:guid}"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/indicative-budgets/{id:guid}/challenges"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}/Eligibility"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/Eligibility"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}/WrittenRecord"] = nameof(Permission.ViewPeople),
        ["GET /People/{id:guid}/Offers"] = nameof(Permission.ViewPeople),
        ["GET /People/{id:guid}/Offers/New"] = nameof(Permission.AssessPeople),
        ["POST /People/{id:guid}/Offers/New"] = nameof(Permission.AssessPeople),
        ["GET /api/v1/assessments/{id:guid}/eligibility"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/assessments/{id:guid}/eligibility"] = nameof(Permission.AssessPeople),
        ["GET /api/v1/people/{id:guid}/offers"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/{id:guid}/offers"] = nameof(Permission.AssessPeople),
        ["GET /People/{id:guid}/Assessments"] = nameof(Permission.ViewPeople),
        ["GET /People/{id:guid}/Assessments/Start"] = nameof(Permission.AssessPeople),
        ["POST /People/{id:guid}/Assessments/Start"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}"] = nameof(Permission.ViewPeople),
        ["GET /Assessments/{id:guid}/History"] = nameof(Permission.ViewPeople),
        ["GET /Assessments/{id:guid}/Correct"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/Correct"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}/Cancel"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/Cancel"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}/About"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/About"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}/WhoTookPart"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/WhoTookPart"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}/WhatMatters"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/WhatMatters"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}/Outcomes"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/Outcomes"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}/Outcomes/{outcome}"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/Outcomes/{outcome}"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}/Fluctuation"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/Fluctuation"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}/Wellbeing"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/Wellbeing"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}/UnpaidCarer"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/UnpaidCarer"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}/Advocacy"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/Advocacy"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}/CarerNeeds"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/CarerNeeds"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}/CheckAnswers"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/CheckAnswers"] = nameof(Permission.AssessPeople),
        ["GET /api/v1/people/{id:guid}/assessments"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/{id:guid}/assessments"] = nameof(Permission.AssessPeople),
        ["GET /api/v1/assessments/{id:guid}"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/assessments/{id:guid}/cancel"] = nameof(Permission.AssessPeople),
        ["GET /People/{id:guid}/Plans"] = nameof(Permission.ViewPeople),
        ["GET /People/{id:guid}/Plans/Start"] = nameof(Permission.PlanSupport),
        ["POST /People/{id:guid}/Plans/Start"] = nameof(Permission.PlanSupport),
        ["GET /Plans/{planId:guid}"] = nameof(Permission.ViewPeople),
        ["GET /Plans/{planId:guid}/Delete"] = nameof(Permission.PlanSupport),
        ["POST /Plans/{planId:guid}/Delete"] = nameof(Permission.PlanSupport),
        ["GET /Plans/{planId:guid}/Sections/{section}"] = nameof(Permission.PlanSupport),
        ["POST /Plans/{planId:guid}/Sections/{section}"] = nameof(Permission.PlanSupport),
        ["GET /Plans/{planId:guid}/Outcomes"] = nameof(Permission.PlanSupport),
        ["POST /Plans/{planId:guid}/Outcomes"] = nameof(Permission.PlanSupport),
        ["GET /Plans/{planId:guid}/Needs/{need}"] = nameof(Permission.PlanSupport),
        ["POST /Plans/{planId:guid}/Needs/{need}"] = nameof(Permission.PlanSupport),
        ["GET /Plans/{planId:guid}/Elements/{elementId}"] = nameof(Permission.PlanSupport),
        ["POST /Plans/{planId:guid}/Elements/{elementId}"] = nameof(Permission.PlanSupport),
        ["GET /Plans/{planId:guid}/Elements/{elementId:guid}/Remove"] = nameof(Permission.PlanSupport),
        ["POST /Plans/{planId:guid}/Elements/{elementId:guid}/Remove"] = nameof(Permission.PlanSupport),
        ["GET /Plans/{planId:guid}/Risks/{riskId}"] = nameof(Permission.PlanSupport),
        ["POST /Plans/{planId:guid}/Risks/{riskId}"] = nameof(Permission.PlanSupport),
        ["GET /Plans/{planId:guid}/Risks/{riskId:guid}/Remove"] = nameof(Permission.PlanSupport),
        ["POST /Plans/{planId:guid}/Risks/{riskId:guid}/Remove"] = nameof(Permission.PlanSupport),
        ["GET /Plans/{planId:guid}/Funding"] = nameof(Permission.PlanSupport),
        ["POST /Plans/{planId:guid}/Funding"] = nameof(Permission.PlanSupport),
        ["GET /Plans/{planId:guid}/Agreement"] = nameof(Permission.PlanSupport),
        ["POST /Plans/{planId:guid}/Agreement"] = nameof(Permission.PlanSupport),
        ["GET /Plans/{planId:guid}/Submit"] = nameof(Permission.PlanSupport),
        ["POST /Plans/{planId:guid}/Submit"] = nameof(Permission.PlanSupport),
        ["GET /Plans/{planId:guid}/Print"] = nameof(Permission.ViewPeople),
        ["GET /Plans/{planId:guid}/Revise"] = nameof(Permission.PlanSupport),
        ["POST /Plans/{planId:guid}/Revise"] = nameof(Permission.PlanSupport),
        ["GET /Plans/{planId:guid}/Changes"] = nameof(Permission.ViewPeople),
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
        ["GET /Approvals"] = nameof(Permission.ApproveWithinLimit),
        ["GET /Approvals/{requestId:guid}"] = nameof(Permission.ViewPeople),
        ["GET /Approvals/{requestId:guid}/Letter"] = nameof(Permission.ViewPeople),
        ["POST /Approvals/{requestId:guid}"] = Both(Permission.ViewPeople, Permission.DecideApprovals),
        ["GET /Panels"] = nameof(Permission.DecideAtPanel),
        ["GET /Panels/New"] = nameof(Permission.DecideAtPanel),
        ["POST /Panels/New"] = nameof(Permission.DecideAtPanel),
        ["GET /Panels/{meetingId:guid}"] = nameof(Permission.DecideAtPanel),
        ["POST /Panels/{meetingId:guid}"] = nameof(Permission.DecideAtPanel),
        ["GET /Panels/{meetingId:guid}/Items/{requestId:guid}"] = nameof(Permission.DecideAtPanel),
        ["POST /Panels/{meetingId:guid}/Items/{requestId:guid}"] = Both(Permission.DecideAtPanel, Permission.DecideApprovals),
        ["GET /People/{id:guid}/PersonalBudget"] = nameof(Permission.ViewPeople),
        ["GET /PersonalBudgets/{budgetId:guid}/Statement"] = nameof(Permission.ViewPeople),
        ["GET /api/v1/approvals"] = nameof(Permission.ApproveWithinLimit),
        ["GET /api/v1/approvals/{id:guid}"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/approvals/{id:guid}/decision"] = nameof(Permission.DecideApprovals),
        ["GET /api/v1/panels"] = nameof(Permission.DecideAtPanel),
        ["POST /api/v1/panels"] = nameof(Permission.DecideAtPanel),
        ["GET /api/v1/panels/{id:guid}"] = nameof(Permission.DecideAtPanel),
        ["POST /api/v1/panels/{id:guid}/agenda"] = nameof(Permission.DecideAtPanel),
        ["GET /api/v1/people/{id:guid}/personal-budgets"] = nameof(Permission.ViewPeople),
        ["GET /api/v1/personal-budgets/{id:guid}"] = nameof(Permission.ViewPeople),
        ["GET /api/v1/teams/{id:guid}"] = nameof(Permission.ViewTeams),
        ["GET /People/{id:guid}/Reviews"] = nameof(Permission.ViewPeople),
        ["GET /People/{id:guid}/Reviews/Start"] = nameof(Permission.PlanSupport),
        ["POST /People/{id:guid}/Reviews/Start"] = nameof(Permission.PlanSupport),
        ["GET /People/{id:guid}/Reviews/Request"] = nameof(Permission.PlanSupport),
        ["POST /People/{id:guid}/Reviews/Request"] = nameof(Permission.PlanSupport),
        ["GET /Reviews/{reviewId:guid}"] = nameof(Permission.ViewPeople),
        ["GET /Reviews/{reviewId:guid}/Delete"] = nameof(Permission.PlanSupport),
        ["POST /Reviews/{reviewId:guid}/Delete"] = nameof(Permission.PlanSupport),
        ["GET /Reviews/{reviewId:guid}/Findings"] = nameof(Permission.PlanSupport),
        ["POST /Reviews/{reviewId:guid}/Findings"] = nameof(Permission.PlanSupport),
        ["GET /Reviews/{reviewId:guid}/Outcomes/{planOutcomeId:guid}"] = nameof(Permission.PlanSupport),
        ["POST /Reviews/{reviewId:guid}/Outcomes/{planOutcomeId:guid}"] = nameof(Permission.PlanSupport),
        ["GET /Reviews/{reviewId:guid}/Decision"] = nameof(Permission.PlanSupport),
        ["POST /Reviews/{reviewId:guid}/Decision"] = nameof(Permission.PlanSupport),
        ["GET /Reviews/{reviewId:guid}/Print"] = nameof(Permission.ViewPeople),
        ["GET /api/v1/people/{id:guid}/reviews"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/{id:guid}/reviews"] = nameof(Permission.PlanSupport),
        ["GET /api/v1/reviews/{id:guid}"] = nameof(Permission.ViewPeople),
        ["PUT /api/v1/reviews/{id:guid}/outcomes/{outcomeId:guid}"] = nameof(Permission.PlanSupport),
        ["PUT /api/v1/reviews/{id:guid}/findings"] = nameof(Permission.PlanSupport),
        ["POST /api/v1/reviews/{id:guid}/completion"] = nameof(Permission.PlanSupport),
        ["GET /People/{id:guid}/Pathway"] = nameof(Permission.ViewPeople),
        ["GET /People/{id:guid}/Pathway/Refer"] = nameof(Permission.PlanSupport),
        ["POST /People/{id:guid}/Pathway/Refer"] = nameof(Permission.PlanSupport),
        ["GET /People/{id:guid}/Pathway/End"] = nameof(Permission.PlanSupport),
        ["POST /People/{id:guid}/Pathway/End"] = nameof(Permission.PlanSupport),
        ["GET /People/{id:guid}/Pathway/Steps/{stepId:guid}/Owner"] = nameof(Permission.ManageTeamWork),
        ["POST /People/{id:guid}/Pathway/Steps/{stepId:guid}/Owner"] = nameof(Permission.ManageTeamWork),
        ["GET /Work"] = nameof(Permission.PlanSupport),
        ["GET /Assessments/{id:guid}/CarerOutcomes/{outcome}"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/CarerOutcomes/{outcome}"] = nameof(Permission.AssessPeople),
        ["GET /Assessments/{id:guid}/CarerPathway"] = nameof(Permission.AssessPeople),
        ["POST /Assessments/{id:guid}/CarerPathway"] = nameof(Permission.AssessPeople),
        ["POST /api/v1/assessments/{id:guid}/carer-pathway"] = nameof(Permission.AssessPeople),
        ["GET /Work/Team"] = nameof(Permission.ManageTeamWork),
        ["POST /Work/Team"] = nameof(Permission.ManageTeamWork),
        ["GET /Work/Team/List"] = nameof(Permission.ManageTeamWork),
        ["POST /Work/Team/List"] = nameof(Permission.ManageTeamWork),
        ["POST /Work/Team/List?handler=All"] = nameof(Permission.ManageTeamWork),
        ["GET /Notifications"] = nameof(Permission.UseService),
        ["POST /Notifications"] = nameof(Permission.UseService),
        ["GET /Admin/ServiceStandards"] = nameof(Permission.ManageServiceStandards),
        ["POST /Admin/ServiceStandards"] = nameof(Permission.ManageServiceStandards),
        ["POST /Admin/ServiceStandards?handler=Change"] = nameof(Permission.ManageServiceStandards),
        ["POST /Admin/ServiceStandards?handler=Confirm"] = nameof(Permission.ManageServiceStandards),
        ["GET /api/v1/people/{id:guid}/pathway"] = nameof(Permission.ViewPeople),
        ["POST /api/v1/people/{id:guid}/pathway/referral"] = nameof(Permission.PlanSupport),
        ["POST /api/v1/people/{id:guid}/pathway/end"] = nameof(Permission.PlanSupport),
        ["GET /api/v1/service-standards"] = nameof(Permission.UseService),
        ["GET /api/v1/work/mine"] = nameof(Permission.PlanSupport),
        ["GET /api/v1/work/team"] = nameof(Permission.ManageTeamWork),
        ["GET /api/v1/work/team/list"] = nameof(Permission.ManageTeamWork),
        ["POST /api/v1/work/team/reallocate"] = nameof(Permission.ManageTeamWork),
        ["PUT /api/v1/steps/{id:guid}/owner"] = nameof(Permission.ManageTeamWork),
        ["GET /Returns"] = nameof(Permission.ViewStatutoryReturns),
        ["GET /Returns/New"] = nameof(Permission.MakeStatutoryReturns),
        ["GET /Returns/Check"] = nameof(Permission.ViewStatutoryReturns),
        ["POST /Returns/Check"] = Both(Permission.ViewStatutoryReturns, Permission.MakeStatutoryReturns),
        ["GET /Returns/Ascof"] = nameof(Permission.ViewStatutoryReturns),
        ["GET /Returns/{id:guid}/Download"] = nameof(Permission.MakeStatutoryReturns),
    };

    /// <summary>A page's permission and its handler's own: the caller needs both.</summary>
    private static string Both(Permission page, Permission handler) => $"{page}+{handler}";

    /// <summary>One demo account per role (team managers also hold the practitioner role).</summary>
    private static readonly Dictionary<Role, string> AccountFor = new()
    {
        [Role.Practitioner] = "nurse@northmoor.example",
        [Role.TeamManager] = "manager.north@northmoor.example",
        [Role.PanelMember] = "panel@northmoor.example",
        [Role.FinanceOfficer] = "finance@northmoor.example",
        [Role.FinanceManager] = "financemanager@northmoor.example",
        [Role.Analyst] = "analyst@northmoor.example",
        [Role.Administrator] = "admin@northmoor.example",
    };

    /// <summary>
    /// One handler: an API endpoint, or one handler of a page (its GET, its POST, each named handler), with the
    /// permission it requires: the page's, and the handler's own <see cref="RequireHandlerPermissionAttribute"/> if it
    /// declares one ("ViewPeople+AllocatePeople": both are needed).
    /// </summary>
    private sealed record EndpointInfo(string Key, string Pattern, string? Method, string? Handler, string Requirement, RouteEndpoint Endpoint, CompiledPageActionDescriptor? Page);

    private static string RequirementOf(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? Anonymous
        : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == PersonAuthentication.Policy) ? Person
        : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p?.StartsWith(PermissionPolicies.Prefix, StringComparison.Ordinal) == true) is { } policy
            ? policy[PermissionPolicies.Prefix.Length..]
        : endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null ? SignedIn
        : "none";

    private async Task<IReadOnlyList<EndpointInfo>> EndpointsAsync()
    {
        var factory = await app.FactoryAsync(DatabaseProvider.Sqlite);
        var sources = factory.Services.GetServices<EndpointDataSource>();
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var result = new List<EndpointInfo>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var requirement = RequirementOf(endpoint);
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } descriptor)
            {
                var page = await loader.LoadAsync(descriptor, endpoint.Metadata);
                var handlers = page.HandlerMethods.Count == 0
                    ? [new EndpointInfo($"GET {pattern}", pattern, "GET", null, requirement, endpoint, page)]
                    : page.HandlerMethods.Select(h => new EndpointInfo(
                        $"{h.HttpMethod.ToUpperInvariant()} {pattern}{(h.Name is null ? "" : $"?handler={h.Name}")}", pattern, h.HttpMethod.ToUpperInvariant(), h.Name,
                        HandlerPermissions.DeclaredBy(h) is { } own ? $"{requirement}+{own}" : requirement, endpoint, page));
                result.AddRange(handlers);
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            var method = methods is { Count: 1 } ? methods[0] : null;
            result.Add(new EndpointInfo(method is null ? pattern : $"{method} {pattern}", pattern, method, null, requirement, endpoint, null));
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

    /// <summary>
    /// Access to a person by convention: every route value of every handler is either a kind of record the
    /// person-access filter resolves to its person, or declared as naming no person; every page runs the filter,
    /// and so does every API endpoint whose route names a person; no page handler carries an authorisation attribute
    /// that ASP.NET Core would ignore there (use <see cref="RequireHandlerPermissionAttribute"/>).
    /// </summary>
    [Fact]
    public async Task EveryHandler_IsCoveredByThePersonAccessFilter()
    {
        var endpoints = await EndpointsAsync();
        var problems = new List<string>();
        foreach (var e in endpoints)
        {
            var parameters = PersonRoutes.ParametersOf(e.Endpoint.RoutePattern);
            foreach (var parameter in parameters.Where(p => p.Kind is null && !PersonRoutes.NotAPerson.Contains(p.Collection)))
            {
                problems.Add($"{e.Key}: route value '{parameter.Name}' (after '{parameter.Collection}') is neither a kind of record in PersonRoutes.Kinds nor in PersonRoutes.NotAPerson");
            }

            if (e.Page is { } page)
            {
                if (!page.FilterDescriptors.Any(f => f.Filter is PersonAccessPageFilter) || !page.FilterDescriptors.Any(f => f.Filter is HandlerPermissionFilter))
                {
                    problems.Add($"{e.Key}: the page does not run the person-access and handler-permission filters");
                }

                foreach (var handler in page.HandlerMethods.Where(h => h.MethodInfo.GetCustomAttributes(typeof(IAuthorizeData), inherit: true).Length > 0))
                {
                    problems.Add($"{e.Key}: {handler.MethodInfo.Name} has an authorisation attribute, which Razor Pages ignores on a handler: use RequireHandlerPermission");
                }
            }
            else if (parameters.Any(p => p.Kind is not null) && e.Endpoint.Metadata.GetMetadata<PersonAccessMetadata>() is null)
            {
                problems.Add($"{e.Key}: its route names a person but the endpoint does not run the person-access filter (map it under the /api/v1 group)");
            }
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
    /// Each caller against each handler (every GET and POST of every page, every API endpoint): denied exactly when
    /// their role lacks the permission. Allowed callers may still meet a 400 (no antiforgery token, no body), a 404
    /// (no such record) or a record-level refusal, but never the permission refusal.
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
        // The person's area refuses every staff role (PersonAreaSecurityTests proves it, with the person's own callers).
        foreach (var e in endpoints.Where(e => e.Requirement is not (Anonymous or Person)))
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

            var allowed = caller != Anonymous && (e.Requirement == SignedIn
                || e.Requirement.Split('+').All(p => roles.Any(r => RolePermissions.Has(r, Enum.Parse<Permission>(p)))));
            if (e.Handler is not null)
            {
                path += $"?handler={e.Handler}";
            }

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
