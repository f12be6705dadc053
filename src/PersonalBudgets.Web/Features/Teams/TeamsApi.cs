namespace PersonalBudgets.Web.Features.Teams;

public static class TeamsApi
{
    public static RouteGroupBuilder MapTeamsApi(this RouteGroupBuilder api) => api;
}
