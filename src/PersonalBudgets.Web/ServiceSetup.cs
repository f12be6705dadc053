using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Features.Account;
using PersonalBudgets.Web.Features.Admin;
using PersonalBudgets.Web.Features.Approvals;
using PersonalBudgets.Web.Features.Assessments;
using PersonalBudgets.Web.Features.Budgets;
using PersonalBudgets.Web.Features.Eligibility;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Features.Email;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Features.Pathway;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Features.Returns;
using PersonalBudgets.Web.Features.Reviews;
using PersonalBudgets.Web.Features.BudgetStatements;
using PersonalBudgets.Web.Features.SupportPlans;
using PersonalBudgets.Web.Features.Teams;
using PersonalBudgets.Web.Features.Work;
using PersonalBudgets.Web.Features.Dashboard;
using PersonalBudgets.Web.Infrastructure.Auditing;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Infrastructure.Errors;
using PersonalBudgets.Web.Infrastructure.Hosting;
using PersonalBudgets.Web.Infrastructure.Observability;
using PersonalBudgets.Web.Infrastructure.Input;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web;

public static class ServiceSetup
{
    /// <summary>Largest request body accepted (forms and JSON); larger requests get 413.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    public const string DefaultUrl = "http://localhost:5080";

    public static void AddPersonalBudgets(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        var env = builder.Environment;

        services.AddPersonalBudgetsDatabase(DatabaseSettings.From(config, env));
        services.AddSingleton(TimeProvider.System);
        builder.AddPersonalBudgetsTelemetry();
        services.AddOptions<SecuritySettings>().Bind(config.GetSection("Security")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Features.Letters.CouncilOptions>().Bind(config.GetSection(Features.Letters.CouncilOptions.Section));
        services.AddScoped<Features.Letters.LetterService>();

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["http_ports"]) && string.IsNullOrEmpty(config["https_ports"]))
        {
            // The default address; --urls and ASPNETCORE_URLS take precedence.
            builder.WebHost.UseUrls(DefaultUrl);
        }
        if (env.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        else
        {
            builder.Logging.AddJsonConsole();
        }

        services.AddDataProtection().SetApplicationName("PersonalBudgets")
            .PersistKeysToDbContext<PersonalBudgetsDbContext>();

        services.AddIdentity<StaffUser, IdentityRole<Guid>>(o =>
            {
                // No composition rules: PasswordPolicy (length, common and personal passwords) decides instead.
                o.Password.RequiredLength = PasswordPolicy.MinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<PersonalBudgetsDbContext>()
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>();
        services.RemoveAll<IPasswordValidator<StaffUser>>();
        services.AddScoped<IPasswordValidator<StaffUser>, StaffPasswordValidator>();
        services.AddScoped(sp => (StaffSignInManager)sp.GetRequiredService<SignInManager<StaffUser>>());
        services.AddScoped<StaffSessionService>();
        services.AddScoped<KeptFormService>();

        var security = config.GetSection("Security").Get<SecuritySettings>() ?? new SecuritySettings();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "pb-session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = env.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            // The server-side session decides the idle timeout (ADR 0012); the ticket lasts as long as a session may, so
            // that the cookie never ends a session earlier than the server says (the timeout warning counts to the server's end).
            o.ExpireTimeSpan = TimeSpan.FromHours(security.SessionAbsoluteHours);
            o.SlidingExpiration = true;
            // Every request checks the server-side session (and through it the account): see StaffSessionService.
            o.Events.OnValidatePrincipal = StaffSessionService.ValidatePrincipalAsync;
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "pb-antiforgery";
            o.Cookie.SecurePolicy = env.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthorization(o => o.AddPermissionPolicies());
        // The person's own area: its own scheme, cookie, policy and rate limit (ADR 0029).
        services.AddPersonAuthentication(env, security);
        services.AddEmail(config, env);
        services.AddScoped<Features.My.PersonAccountService>();
        services.AddScoped<Features.My.MyRecordService>();
        services.AddScoped<Features.My.MyRecordViews>();
        services.AddScoped<Features.My.TakingPart.MyPartService>();
        services.AddScoped<Features.My.TakingPart.MyQuestionnaireService>();
        services.AddScoped<Features.My.TakingPart.MySelfAssessmentService>();
        services.AddScoped<Features.PersonsWords.PersonsSelfAssessmentService>();
        services.AddScoped<Features.PersonsWords.PersonsWordsService>();
        services.AddScoped<Features.PersonAccounts.InvitationService>();
        services.AddScoped<Features.My.MyContext>();
        services.AddScoped<Features.Representatives.RepresentativeService>();

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.AllowAnonymousToPage("/Account/SignIn");
                o.Conventions.AllowAnonymousToPage("/Error");
                // Access by convention (ADR 0011): a handler's own permission, then the route's person, for every page.
                o.Conventions.ConfigureFilter(new HandlerPermissionFilter());
                o.Conventions.ConfigureFilter(new PersonAccessPageFilter());
            })
            .AddMvcOptions(o =>
            {
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                o.Filters.Add<PagePipelineFilter>();
                o.Filters.Add<KeptFormPageFilter>();
                o.ModelBinderProviders.Insert(0, new TextModelBinderProvider());
                o.ModelBindingMessageProvider.SetValueMustNotBeNullAccessor(_ => "Select an option");
                o.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((_, _) => "Select an option from the list");
                o.ModelBindingMessageProvider.SetValueIsInvalidAccessor(_ => "Select an option from the list");
            });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            ctx.ProblemDetails.Extensions.TryAdd("errorCode", ErrorClassifier.ErrorCodeForStatus(status));
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddOpenApi(o => o.AddIdempotencyKeyHeader());
        services.AddHealthChecks().AddDbContextCheck<PersonalBudgetsDbContext>("database", tags: ["ready"]);
        // Behind a load balancer: which proxies may set the client address and scheme (ForwardedHeaders:*; loopback always).
        var forwarded = ForwardedHeadersSettings.From(config);
        services.Configure<ForwardedHeadersOptions>(forwarded.ApplyTo);

        services.AddHttpContextAccessor();
        services.AddScoped<PageLinks>();
        services.AddScoped<ICurrentUser, HttpContextCurrentUser>();
        services.AddScoped<PersonAccessContext>();
        services.AddScoped<AuditLog>();
        services.AddScoped<RecordAccessService>();
        services.AddScoped<PersonAccessResolver>();
        services.AddScoped<PersonService>();
        services.AddScoped<PersonSearchService>();
        services.AddScoped<AllocationService>();
        services.AddScoped<TeamService>();
        services.AddScoped<AccountService>();
        services.AddScoped<PasswordService>();
        services.AddScoped<AuditSearchService>();
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<DefaultRasSeeder>();
        services.AddAssessmentsFeature();
        services.AddEligibilityFeature();
        services.AddBudgetsFeature();
        services.AddPathwayFeature();
        services.AddReviewsFeature();
        services.AddReturnsFeature(config);
        services.AddApprovalsFeature();
        services.AddPersonalBudgetsFeature();
        services.AddSupportPlansFeature();
        services.AddWorkFeature();
        services.AddDashboardFeature(config);
        Features.Charging.ChargingFeature.AddChargingFeature(services);
        Features.Providers.ProvidersFeature.AddProvidersFeature(services);
        Features.Monitoring.MonitoringFeature.AddMonitoringFeature(services, config);
        Features.DirectPayments.DirectPaymentsFeature.AddDirectPaymentsFeature(services);
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ErrorClassifier.IsApiRequest(ctx.HttpContext))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static async Task PrepareAsync(this WebApplication app, bool migrateOnly)
    {
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        await app.Services.PrepareDatabaseAsync(migrate: migrateOnly || settings.MigrateOnStartup);
        if (migrateOnly)
        {
            return;
        }

        // Every instance on one database shares one Data Protection key: load it (or make it) before serving anything.
        await app.Services.LoadKeyRingAsync();

        await using (var referenceScope = app.Services.CreateAsyncScope())
        {
            // Reference data every installation needs, e.g. the example resource allocation system.
            await referenceScope.ServiceProvider.GetRequiredService<DefaultRasSeeder>().SeedAsync();
            await referenceScope.ServiceProvider.GetRequiredService<Features.Charging.DefaultChargingPolicySeeder>().SeedAsync();
        }

        var seed = app.Configuration.GetValue("DemoData:Seed", app.Environment.IsDevelopment());
        if (seed)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }

        app.Logger.LogInformation("Using {Database}", settings.Describe());
    }

    public static void UsePersonalBudgets(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            // Refusals by domain rules and requests the client got wrong are expected outcomes, not faults: do not log
            // them as errors (the handler logs a client error as a warning, without what was sent).
            SuppressDiagnosticsCallback = c => c.Exception is Core.Common.DomainException || ErrorClassifier.Classify(c.Exception).Status < 500,
        });
        app.UseWhen(ErrorClassifier.IsApiRequest, api => api.UseStatusCodePages());
        app.UseWhen(c => !ErrorClassifier.IsApiRequest(c), web => web.UseStatusCodePagesWithReExecute("/Error", "?status={0}"));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseRequestBodyHygiene(MaxRequestBodyBytes);
        app.UseStaticFiles();
        app.UseIdempotencyKeys();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseKeptForms();
        app.UseRequiredPasswordChange();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").RequirePermission(Permission.UseService);
        app.MapRazorPages();

        // Forgery first: a change needs a JSON content type or an antiforgery token (ADR 17). Then the person's access (ADR 11),
        // whose refusals are audited outside the idempotency transaction; then the input checks; the idempotency transaction is
        // innermost and wraps only the handler.
        var api = app.MapGroup("/api/v1").DisableAntiforgery().AddEndpointFilter(new ApiRequestForgeryFilter()).RequirePersonAccess()
            .CheckRequestInput().AddEndpointFilter(new IdempotencyFilter()).ProducesTheProblems();
        api.MapPeopleApi();
        api.MapTeamsApi();
        api.MapAssessmentsApi();
        api.MapEligibilityApi();
        api.MapBudgetsApi();
        api.MapReviewsApi();
        api.MapApprovalsApi();
        api.MapPersonalBudgetsApi();
        api.MapSupportPlansApi();
        api.MapPathwayApi();
        api.MapWorkApi();
        Features.Charging.ChargingApi.MapChargingApi(api);
        Features.Providers.ProvidersApi.MapProvidersApi(api);
        Features.Monitoring.MonitoringApi.MapMonitoringApi(api);
        Features.Charging.Uprating.UpratingApi.MapUpratingApi(api);
        Features.Dashboard.DashboardApi.MapDashboardApi(api);
        Features.DirectPayments.DirectPaymentsApi.MapDirectPaymentsApi(api);

        // The person's API: their own scheme, inside their area (ADR 0029); the staff API above is unchanged.
        app.MapMyApi();
    }
}

public sealed class SecuritySettings
{
    [System.ComponentModel.DataAnnotations.Range(5, 24 * 60)]
    public int SessionTimeoutMinutes { get; set; } = 30;

    /// <summary>A session ends this long after sign-in however active it is.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 24)]
    public int SessionAbsoluteHours { get; set; } = 12;

    [System.ComponentModel.DataAnnotations.Range(5, 24 * 60)]
    public int BreakGlassMinutes { get; set; } = 120;

    /// <summary>How long a form posted after the session ended is kept for its author to sign in again.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 72)]
    public int KeptFormHours { get; set; } = 8;

    /// <summary>How long before the session ends the timeout warning opens.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10)]
    public int TimeoutWarningMinutes { get; set; } = 2;

    /// <summary>Sign-in and code attempts a client address may post to the person's area in a minute (ADR 0029).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100000)]
    public int PersonCodeAttemptsPerMinute { get; set; } = 10;
}
