using System.Globalization;

namespace PersonalBudgets.Web.Tests.Features.Work;

/// <summary>Reads a count from a cell of Team work's counts: the number, before the link's words for screen readers.</summary>
public static class TeamCounts
{
    public static int Parse(string cell) => int.Parse(cell.Split(' ')[0], CultureInfo.InvariantCulture);
}
