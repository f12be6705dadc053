using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.Charging.Assessments;
using PersonalBudgets.Web.Features.Letters;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Charging.Uprating;

/// <summary>Every letter of the uprating run's changed contributions on one page, to print (one person a page).</summary>
[RequirePermission(Permission.ApplyUprating)]
public sealed class LettersModel(UpratingService uprating, LetterService letters) : GovukPageModel
{
    public IReadOnlyList<FinanceLetter> Letters { get; private set; } = [];

    public Guid PolicyId { get; private set; }

    public async Task OnGetAsync(Guid id)
    {
        PolicyId = id;
        var list = new List<FinanceLetter>();
        foreach (var (line, fa) in await uprating.ChangedAsync(id, HttpContext.RequestAborted))
        {
            var heading = await letters.HeadingAsync(line.PersonId, $"FA-{fa.Version}-{Core.Common.UkTime.DateOf(fa.CompletedAt!.Value):yyyyMMdd}", ct: HttpContext.RequestAborted);
            list.Add(new FinanceLetter(fa, heading));
        }

        Letters = list;
    }
}
