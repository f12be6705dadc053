using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Monitoring;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Budgets;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Monitoring;

/// <summary>
/// The person's direct payment accounts: balance against what was paid in, flags and reclaims, for everyone who may see
/// the person; finance staff import statements, resolve flags and give notice of and take reclaims.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class IndexModel(MonitoringService monitoring, People.PersonService people) : GovukPageModel
{
    [BindProperty] public Guid AccountId { get; set; }
    [BindProperty] public Guid FlagId { get; set; }
    [BindProperty] public Guid ReclaimId { get; set; }
    [BindProperty] public int Revision { get; set; }
    /// <summary>What the audit found, by flag: each open flag's form has its own field (and id).</summary>
    /// <remarks>
    /// Named, so that a form with no finding in it (the statement upload, the reclaim) does not bind the dictionary from
    /// every field it posts: without a name MVC falls back to the empty prefix and reads "AccountId" as a flag id.
    /// </remarks>
    [BindProperty(Name = nameof(Findings))] public Dictionary<Guid, string?> Findings { get; set; } = [];
    /// <summary>
    /// The reclaim of surplus, by account: each account's reclaim form has its own fields (and ids), so an error lands on
    /// (and the error summary links to) the posted account's field. Named for the same reason as <see cref="Findings"/>.
    /// </summary>
    [BindProperty(Name = nameof(Reclaims))] public Dictionary<Guid, ReclaimInput> Reclaims { get; set; } = [];
    [BindProperty] public IFormFile? Statement { get; set; }

    public Guid PersonId { get; private set; }

    public People.PersonRecord Record { get; private set; } = null!;

    public IReadOnlyList<AccountView> Accounts { get; private set; } = [];

    public bool MayMonitor => User.Has(Permission.MonitorDirectPayments);

    public Task OnGetAsync(Guid id) => LoadAsync(id);

    [RequireHandlerPermission(Permission.MonitorDirectPayments)]
    public async Task<IActionResult> OnPostImportAsync(Guid id)
    {
        if (Statement is null || Statement.Length == 0)
        {
            EnsureValid([new FieldError(nameof(Statement), "Choose a statement file")]);
        }

        if (Statement!.Length > 5_000_000)
        {
            EnsureValid([new FieldError(nameof(Statement), "The file must be smaller than 5 MB")]);
        }

        using var reader = new StreamReader(Statement.OpenReadStream());
        var content = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        var result = await monitoring.ImportAsync(id, AccountId, Path.GetFileName(Statement.FileName), content, HttpContext.RequestAborted);
        Flash(result.AlreadyImported
            ? "This statement was imported before: nothing changed"
            : $"Statement imported: {result.Rows} rows, {result.NewRows} new, {result.FlagsRaised.Count} new flags");
        return RedirectToPage(new { id });
    }

    [RequireHandlerPermission(Permission.MonitorDirectPayments)]
    public async Task<IActionResult> OnPostResolveAsync(Guid id)
    {
        var flag = await monitoring.ResolveFlagAsync(id, AccountId, FlagId, Revision, Findings.GetValueOrDefault(FlagId), HttpContext.RequestAborted);
        Flash($"Flag resolved: {flag.Kind.Label()}");
        return RedirectToPage(new { id });
    }

    [RequireHandlerPermission(Permission.MonitorDirectPayments)]
    public async Task<IActionResult> OnPostReclaimAsync(Guid id)
    {
        var input = Reclaims.GetValueOrDefault(AccountId) ?? new ReclaimInput();
        var errors = new List<FieldError>();
        var amount = NumberInput.Money(input.Amount, nameof(ReclaimInput.Amount), "The amount to reclaim", required: true, errors);
        // The amount's problem is kept and the notice is still checked, so every problem shows at once: with no amount
        // (null whenever the amount has a problem) the notice is always refused, so nothing is saved.
        AddErrors(errors);
        var reclaim = await monitoring.GiveReclaimNoticeAsync(id, AccountId, null, amount, input.Method, input.Reason, HttpContext.RequestAborted);
        Flash($"Notice given of a reclaim of {Core.Common.UkFormat.Money(reclaim.Amount)}: print the letter for the person. It can be taken from {Core.Common.UkFormat.Date(reclaim.EarliestTakeDate)}");
        return RedirectToPage(new { id });
    }

    [RequireHandlerPermission(Permission.MonitorDirectPayments)]
    public async Task<IActionResult> OnPostTakeAsync(Guid id)
    {
        var reclaim = await monitoring.TakeReclaimAsync(id, AccountId, ReclaimId, Revision, HttpContext.RequestAborted);
        Flash($"Reclaim of {Core.Common.UkFormat.Money(reclaim.Amount)} recorded as taken");
        return RedirectToPage(new { id });
    }

    /// <summary>The id of an account's statement file input (each account has its own upload form).</summary>
    public static string StatementFieldId(Guid accountId) => $"{nameof(Statement)}-{accountId}";

    /// <summary>
    /// The statement's problems (the domain names the file's content) belong to the posted account's file input; a
    /// flag's finding to the posted flag's field; a reclaim's to the posted account's reclaim fields.
    /// </summary>
    protected override string ErrorKey(string field) => field switch
    {
        StatementCsv.Field or nameof(Statement) => StatementFieldId(AccountId),
        "Finding" => $"{nameof(Findings)}[{FlagId}]",
        nameof(ReclaimInput.Amount) or nameof(ReclaimInput.Method) or nameof(ReclaimInput.Reason) => ReclaimFieldName(AccountId, field),
        _ => field,
    };

    /// <summary>The name (ModelState key) of a field of an account's reclaim form, as asp-for writes it.</summary>
    public static string ReclaimFieldName(Guid accountId, string field) => $"{nameof(Reclaims)}[{accountId}].{field}";

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>("id"));

    private async Task LoadAsync(Guid id)
    {
        PersonId = id;
        Record = await people.ViewAsync(id, HttpContext.RequestAborted);
        Accounts = await monitoring.AccountsAsync(id, HttpContext.RequestAborted);
        // Each open flag's form reads its own entry (blank unless typed), so every flag has one.
        foreach (var flag in Accounts.SelectMany(a => a.Flags).Where(f => f.Status == FlagStatus.Open))
        {
            Findings.TryAdd(flag.Id, null);
        }

        // Likewise each account's reclaim form reads its own entry.
        foreach (var account in Accounts)
        {
            Reclaims.TryAdd(account.Account.Id, new ReclaimInput());
        }
    }
}

/// <summary>One account's reclaim form.</summary>
public sealed class ReclaimInput
{
    public string? Amount { get; set; }
    public ReclaimMethod? Method { get; set; }
    public string? Reason { get; set; }
}
