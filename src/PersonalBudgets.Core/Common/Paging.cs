namespace PersonalBudgets.Core.Common;

/// <summary>
/// Page arithmetic for lists: a page number from a link or query string can be anything, and (page - 1) * size
/// overflowed into a negative offset that PostgreSQL refuses. Pages beyond the last are empty, as before.
/// </summary>
public static class Paging
{
    public const int MaxPage = 100_000;
    public const int MaxPageSize = 1_000;

    /// <summary>How many rows come before the page: from page 1 to <see cref="MaxPage"/>, for page sizes up to <see cref="MaxPageSize"/>.</summary>
    public static int Offset(int page, int pageSize) => (Math.Clamp(page, 1, MaxPage) - 1) * Math.Clamp(pageSize, 1, MaxPageSize);
}
