using System.ComponentModel.DataAnnotations;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Core.People;

/// <summary>CLD Release 2 <c>Client_Type</c>. The Display name is the exact R2 string (validation is case-sensitive).</summary>
public enum ClientType
{
    [Display(Name = "Service user")] ServiceUser,
    [Display(Name = "Unpaid carer")] UnpaidCarer,
    [Display(Name = "Unpaid carer known by association")] UnpaidCarerKnownByAssociation,
}

/// <summary>CLD Release 2 <c>Service_Type</c> for a service to an unpaid carer.</summary>
public enum CarerServiceType
{
    [Display(Name = "Unpaid carer support: Direct to unpaid carer")] DirectToUnpaidCarer,
    [Display(Name = "Unpaid carer support: Support involving the person cared-for")] SupportInvolvingThePersonCaredFor,
}

/// <summary>
/// How a person's record appears in Client Level Data: a carer with their own record (ADR 21) is an unpaid carer of the
/// person they care for, linked to that person's identifier; anyone else is a service user. A carer known only by
/// association (named on someone else's assessment, with no record of their own) has no rows of their own here.
/// </summary>
public static class CldClient
{
    /// <summary>The <c>Client_Type</c> of the person's own rows.</summary>
    public static ClientType TypeOf(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return CaredForBy(person) is null ? ClientType.ServiceUser : ClientType.UnpaidCarer;
    }

    /// <summary>Whom this person is an unpaid carer of (for <c>Adult_1_Linked_Person_ID</c>), or null when they are not a carer.</summary>
    public static Guid? CaredForBy(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.CaresForPersonId;
    }

    /// <summary>
    /// The <c>Service_Type</c> of a service in a carer's plan: support to the person cared for (replacement care) is
    /// "support involving the person cared-for"; anything else goes to the carer directly.
    /// </summary>
    public static CarerServiceType ServiceTypeForCarer(ServiceCategory category) => category == ServiceCategory.SupportToCaredForPerson
        ? CarerServiceType.SupportInvolvingThePersonCaredFor
        : CarerServiceType.DirectToUnpaidCarer;
}
