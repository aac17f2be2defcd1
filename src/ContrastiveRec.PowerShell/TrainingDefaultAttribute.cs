using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>Names the <see cref="TrainingOptions"/> property a training parameter overrides; left out, the parameter takes
/// that property of <see cref="TrainingOptions.Defaults"/> for the objective and encoder being trained. The help generator
/// (build/HelpGenerator.ps1) states the default per objective and encoder from it, so help and core cannot drift apart.
/// <see cref="Objectives"/> and <see cref="Encoders"/> name the runs the parameter matters to (empty: those of the
/// cmdlet's <see cref="TrainingDefaultScopeAttribute"/>, else all).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TrainingDefaultAttribute(string option) : Attribute
{
    public string Option { get; } = option;
    public TrainingObjective[] Objectives { get; set; } = [];
    public EncoderKind[] Encoders { get; set; } = [];
}

/// <summary>The objectives a cmdlet's inherited training parameters apply to, where fewer than all: Invoke-StrategyComparison
/// trains the study's (UserUser) rows with them, while its UserMovie rows keep their own defaults. The parameters named in
/// <see cref="AllObjectives"/> apply to every objective nonetheless (its -Epochs is every row's).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class TrainingDefaultScopeAttribute(params TrainingObjective[] objectives) : Attribute
{
    public TrainingObjective[] Objectives { get; } = objectives;
    public string[] AllObjectives { get; set; } = [];
}
