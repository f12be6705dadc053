namespace PersonalBudgets.Core.Staff;

/// <summary>An employer: the council or the NHS trust.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public OrganisationType Type { get; set; }

    /// <summary>ODS code (trust) or the council's code used in statutory returns.</summary>
    public string Code { get; set; } = "";
}
