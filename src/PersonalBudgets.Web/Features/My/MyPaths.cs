namespace PersonalBudgets.Web.Features.My;

/// <summary>
/// The addresses of the person's area, in lower case: its cookie's path is "/my", and browsers match cookie paths
/// case-sensitively. No address carries a person, an account or a code (ADR 0005, ADR 0029).
/// </summary>
public static class MyPaths
{
    public const string Home = "/my";
    public const string SignIn = "/my/sign-in";
    public const string SignInCode = "/my/sign-in/code";
    public const string SignOut = "/my/sign-out";
    public const string SignedOut = "/my/signed-out";
    public const string Account = "/my/account";
    public const string Budget = "/my/budget";
    public const string Record = "/my/record";
    public const string Assessment = "/my/assessment";
    public const string Eligibility = "/my/eligibility";
    public const string IndicativeBudget = "/my/indicative-budget";
    /// <summary>The person's plan and their part in it (ADR 0031): what they wrote, agreeing it.</summary>
    public const string Plan = "/my/plan";

    /// <summary>The plan as a letter, the agreed version (or the newest), and every version before it.</summary>
    public const string PlanVersions = "/my/plan/versions";
    public const string Reviews = "/my/reviews";
    public const string DirectPayment = "/my/direct-payment";
    public const string WhoLooked = "/my/who-looked";

    /// <summary>One version of the person's own plan: the id is checked to be one of theirs.</summary>
    public static string PlanVersion(Guid planId) => $"/my/plan/versions/{planId}";
    public const string Representatives = "/my/representatives";
    public const string RepresentativeAdd = "/my/representatives/add";

    /// <summary>Changing a grant the person gave (ADR 0033); the id is checked to be one of theirs.</summary>
    public static string RepresentativeChange(Guid grantId) => $"/my/representatives/change?grant={grantId}";
    public const string Choose = "/my/choose";
    public const string Start = "/my/start";
    public const string StartPassword = "/my/start/password";
    public const string StartAuthenticator = "/my/start/authenticator";
}
