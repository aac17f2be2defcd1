using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>
/// One <see cref="TrainingObjective"/> as <see cref="TrainingLoop"/> trains it: the modules it builds (seeded, through
/// <see cref="TrainingLoop.Seeded"/>), the rows an epoch passes over and the loss of one batch of them.
/// </summary>
internal abstract class Objective
{
    protected Objective(RatingSet set, TrainingOptions options)
    {
        Set = set;
        Options = options;
    }

    public RatingSet Set { get; }
    public TrainingOptions Options { get; }

    /// <summary>The user tower being trained; the model owns it once training ends.</summary>
    public nn.Module<Tensor, Tensor> Tower { get; protected init; } = null!;

    /// <summary>Movie embeddings trained alongside the tower (UserMovie), or null.</summary>
    public MovieTable? Movies { get; protected init; }

    public abstract PairStrategy Strategy { get; }

    /// <summary>How many rows (triplets, users) an epoch passes over, BatchSize at a time.</summary>
    public abstract int Rows { get; }

    /// <summary>True: an epoch's loss is the mean over rows (a batch weighs its size); false: the mean over batches.</summary>
    public abstract bool WeighsBatchesBySize { get; }

    public abstract AdamOptimizer CreateOptimizer();

    /// <summary>Adam over the tower's parameters and <paramref name="others"/>; with RowWiseUpdates, the id encoder's
    /// user table (the profile encoder's input table) is left to a <see cref="RowWiseAdam"/> with the same settings, and so is
    /// <paramref name="rowWiseMovies"/> (whose parameters <paramref name="others"/> then leaves out).</summary>
    protected AdamOptimizer CreateOptimizer(IEnumerable<TorchSharp.Modules.Parameter> others, double weightDecay, bool decoupled, MovieTable? rowWiseMovies = null)
    {
        var rowWise = new List<RowWiseAdam>();
        var tower = Tower.parameters();
        if (Options.RowWiseUpdates == true && Tower is UserEncoder ids)
        {
            tower = ids.DenseParameters();
            rowWise.Add(new RowWiseAdam(ids, Options.LearningRate, weightDecay, decoupled));
        }
        if (Options.RowWiseUpdates == true && Tower is ProfileEncoder bags)
        {
            tower = bags.DenseParameters();
            rowWise.Add(new RowWiseAdam(bags, Options.LearningRate, weightDecay, decoupled));
        }
        if (Options.RowWiseUpdates == true && rowWiseMovies is not null)
            rowWise.Add(new RowWiseAdam(rowWiseMovies, Options.LearningRate, weightDecay, decoupled));
        return new AdamOptimizer(tower.Concat(others).ToList(), Options.LearningRate, weightDecay, decoupled, rowWise.ToArray());
    }

    /// <summary>Reorders the rows for the next epoch, drawing from the run's one shuffle generator.</summary>
    public abstract void Shuffle(Random shuffle);

    /// <summary>The loss of batch <paramref name="batch"/>: rows from .. from + size of this epoch's order.</summary>
    public abstract Tensor BatchLoss(int batch, int from, int size);

    /// <summary>Fills the parameters' gradients from a batch's loss; an objective whose modules are not all on the
    /// autograd tape adds the rest.</summary>
    public virtual void Backward(Tensor loss) => loss.backward();

    /// <summary>Called once training stops, before the model is made: the last step's tables become the model's.</summary>
    public virtual void Complete() { }

    /// <summary>The model as it stands between two steps, for validation (<see cref="TrainedEncoder.During"/>): the
    /// caller disposes it, which leaves the modules to training.</summary>
    public TrainedEncoder Current()
    {
        var (users, movieUnits) = CurrentTables();
        return TrainedEncoder.During(Tower, Movies, Strategy, Options, Set, users, movieUnits);
    }

    /// <summary>Every user's unit vector and (UserMovie) every movie's, as the trained model would score them if training
    /// stopped now; made without autograd, the tower evaluated in eval mode (no dropout, nothing drawn) and put back in
    /// train mode.</summary>
    protected virtual (Tensor Users, Tensor? MovieUnits) CurrentTables()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tower.eval();
        try
        {
            using var held = new HeldScalars();
            var users = Tower.forward(arange(held.Integer(0), held.Integer(Set.UserCount), held.Integer(1), dtype: ScalarType.Int64));
            var movies = Movies?.UnitVectors().clone();
            return (users.MoveToOuterDisposeScope(), movies?.MoveToOuterDisposeScope());
        }
        finally
        {
            Tower.train();
        }
    }

    /// <summary>The mining statistics the model reports.</summary>
    public abstract MiningStatistics Mining();
}
