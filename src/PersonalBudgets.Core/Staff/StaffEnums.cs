using System.ComponentModel.DataAnnotations;

namespace PersonalBudgets.Core.Staff;

public enum Profession
{
    [Display(Name = "Nurse")] Nurse,
    [Display(Name = "Social worker")] SocialWorker,
    [Display(Name = "Occupational therapist")] OccupationalTherapist,
    [Display(Name = "Psychologist")] Psychologist,
    [Display(Name = "Psychiatrist")] Psychiatrist,
    [Display(Name = "Support worker")] SupportWorker,
    [Display(Name = "Peer support worker")] PeerSupportWorker,
    [Display(Name = "Other")] Other,
}

public enum OrganisationType
{
    [Display(Name = "Council")] Council,
    [Display(Name = "NHS trust")] NhsTrust,
}

public enum Role
{
    [Display(Name = "Practitioner")] Practitioner,
    [Display(Name = "Team manager")] TeamManager,
    [Display(Name = "Panel member")] PanelMember,
    [Display(Name = "Finance officer")] FinanceOfficer,
    [Display(Name = "Analyst")] Analyst,
    [Display(Name = "Administrator")] Administrator,
    [Display(Name = "Finance team manager")] FinanceManager,
}
