namespace PersonalBudgets.Core.Budgets;

/// <summary>
/// The example resource allocation system shipped with the product for mental health support. It is clearly
/// labelled as an example: each council must calibrate the questions, points and prices against its own costs.
/// </summary>
public static class DefaultRas
{
    public const string Name = "Mental health support (example: calibrate locally before use)";

    private static RasQuestion Q(string id, string text, string hint, params (string Text, int Points)[] answers) =>
        new(id, text, hint, answers.Select((a, i) => new RasAnswer($"{id}-{i + 1}", a.Text, a.Points)).ToList());

    public static RasDefinition Definition { get; } = new(
        [
            Q("mental-health", "How much support does the person need with their mental health and emotional wellbeing?", "Think about a typical week, including harder weeks if needs fluctuate.",
                ("None", 0), ("Occasional support, less than weekly", 5), ("Regular support every week", 10), ("Intensive support most days", 20)),
            Q("daily-living", "How much support does the person need with daily living: eating well, personal care and looking after their home?", "Include prompting and encouragement as well as practical help.",
                ("None", 0), ("Some prompting", 4), ("Regular practical help", 8), ("Help every day", 14)),
            Q("keeping-safe", "How much support does the person need to keep safe?", "Risks to themselves or others, including at times of crisis.",
                ("None", 0), ("Some planning for occasional risk", 5), ("Regular support to manage risk", 10), ("Close support at most times", 18)),
            Q("relationships", "How much support does the person need with relationships and social contact?", "Family, friends, and feeling part of a community.",
                ("None", 0), ("A little", 3), ("Regular support", 6), ("A lot", 10)),
            Q("work-community", "How much support does the person need to take part in work, learning, volunteering or activities in the community?", "Including using public transport.",
                ("None", 0), ("A little", 3), ("Regular support", 6), ("A lot", 10)),
            Q("money-home", "How much support does the person need with money, bills and keeping their home?", "Including keeping a tenancy.",
                ("None", 0), ("A little", 2), ("Regular support", 5), ("A lot", 8)),
            new RasQuestion("informal-support", "How much support does the person already get from family, friends or neighbours that will continue?",
                "Unpaid support that is willingly given and sustainable. It reduces the indicative amount.",
                [
                    new("informal-support-1", "None", 0, 0m),
                    new("informal-support-2", "Some support each week", 0, 10m),
                    new("informal-support-3", "Substantial support most days", 0, 25m),
                ]),
        ],
        new RasConversion(PricePerPoint: 4.50m, Bands: [], MinimumWeekly: 25m, MaximumWeekly: 600m));
}
