using System.Diagnostics;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>
/// <see cref="TrainingValidation"/> as the training loop runs it: scores the model after the epochs it names, keeps a
/// copy of the parameters at each new best, says when patience has run out, and puts the best weights back. A
/// validation runs without autograd, puts the modules back in train mode and draws on no generator training uses, so
/// the weights after any epoch are those of a run without validation.
/// </summary>
internal sealed class EarlyStopping : IDisposable
{
    private readonly TrainingValidation _validation;
    private readonly Objective _objective;
    private readonly List<ValidationScore> _scores = new();
    private Tensor[]? _best; // the parameters of the best epoch, in ModuleStates order
    private int _sinceBest;
    private int _sinceReduced; // validations without a new best since the best or the last reduction

    public EarlyStopping(TrainingValidation validation, Objective objective)
    {
        _validation = validation;
        _objective = objective;
    }

    public TrainingValidation Settings => _validation;

    /// <summary>True once <see cref="TrainingValidation.Patience"/> validations in a row brought no new best.</summary>
    public bool PatienceRanOut => _validation.Patience is { } patience && _sinceBest >= patience;

    /// <summary>True when a best epoch's weights are kept.</summary>
    public bool HasBest => _best is not null;

    public ValidationHistory History(bool stoppedEarly) => new(_validation.Validator.Metric, _validation.Validator.Users,
        _validation.Interval, _validation.Patience, _scores.ToArray(), stoppedEarly);

    /// <summary>Scores the model as it stands after <paramref name="epoch"/>, keeping its weights when it is the best yet.</summary>
    /// <exception cref="OperationCanceledException">Cancelled during the validation; the modules are back in train mode.</exception>
    public ValidationScore Validate(int epoch, double learningRate, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        double value;
        using (var view = _objective.Current())
        {
            value = _validation.Validator.Score(view, ct);
        }
        var score = new ValidationScore(epoch, value, clock.Elapsed, learningRate);
        // Strictly better only: a tie keeps the earlier (fewer epochs) weights, and a NaN never wins.
        var best = _scores.Count == 0 ? double.NegativeInfinity : _scores.Max(s => s.Value);
        _scores.Add(score);
        if (value > best || (_best is null && !double.IsNaN(value)))
        {
            Keep();
            _sinceBest = _sinceReduced = 0;
        }
        else
        {
            _sinceBest++;
            _sinceReduced++;
        }
        return score;
    }

    /// <summary>True (once) when the last validations call for a lower learning rate (reduce on plateau).</summary>
    public bool ReduceLearningRateNow()
    {
        if (_validation.ReduceLearningRateAfter is not { } after || _sinceReduced < after) return false;
        _sinceReduced = 0;
        return true;
    }

    /// <summary>The bytes a copy of the best weights takes: every parameter of the modules.</summary>
    public static long SnapshotBytes(Objective objective) =>
        ModuleStates(objective).Sum(t => t.NumberOfElements * t.ElementSize);

    private void Keep()
    {
        using var _ = no_grad();
        var states = ModuleStates(_objective).ToArray();
        if (_best is null)
        {
            _best = states.Select(t => t.detach().clone().DetachFromDisposeScope()).ToArray();
            return;
        }
        for (var i = 0; i < states.Length; i++) _best[i].copy_(states[i]);
    }

    /// <summary>Puts the best epoch's weights back into the modules (their tensors keep their identity).</summary>
    public void RestoreBest()
    {
        if (_best is null) return;
        using var _ = no_grad();
        var states = ModuleStates(_objective).ToArray();
        for (var i = 0; i < states.Length; i++) states[i].copy_(_best[i]);
    }

    // Every parameter, in a fixed order. Buffers (the Profile encoder's stored profiles, the Graph encoder's degrees)
    // do not change while training, so they are not copied.
    private static IEnumerable<Tensor> ModuleStates(Objective objective)
    {
        var modules = objective.Movies is null ? new nn.Module[] { objective.Tower } : [objective.Tower, objective.Movies];
        return modules.SelectMany(m => m.parameters());
    }

    public void Dispose()
    {
        if (_best is null) return;
        foreach (var t in _best) t.Dispose();
        _best = null;
    }
}
