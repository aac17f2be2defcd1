using System.Globalization;
using System.Management.Automation;
using ContrastiveRec.Analysis;
using ContrastiveRec.Data;

namespace ContrastiveRec.PowerShell;

/// <summary>The movies that set each cluster apart (liked by its members more often than by everyone: lift), and how many of them are the set's most-rated.</summary>
[Cmdlet(VerbsCommon.Get, "ClusterTopMovie")]
[OutputType(typeof(ClusterTopMovie))]
public sealed class GetClusterTopMovieCommand : ContrastiveRecCmdlet
{
    private readonly List<(object UserId, int Cluster)> _members = [];

    [Parameter(Mandatory = true, Position = 0)]
    public RatingSet Ratings { get; set; } = null!;

    /// <summary>The user's own id: a number or text, as the data names it.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [IdTransformation]
    public object UserId { get; set; } = null!;

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public int Cluster { get; set; }

    [Parameter]
    [ValidateRange(1, 10_000)]
    [CoreDefault(typeof(ClusterTopMovies), nameof(ClusterTopMovies.DefaultTop))]
    public int? Top { get; set; }

    /// <summary>Fewest members who liked a movie; unset, the core's per-cluster minimum (<see cref="ClusterTopMovies.MinLikesFor"/>),
    /// stated in words in help. -MinRatings, its name before likes were counted, still binds.</summary>
    [Parameter]
    [Alias("MinRatings")]
    [ValidateRange(1, 100_000)]
    public int? MinLikes { get; set; }

    [Parameter]
    [ValidateRange(0, 1_000_000)]
    [CoreDefault(typeof(ClusterTopMovies), nameof(ClusterTopMovies.DefaultPopularCount))]
    public int? PopularCount { get; set; }

    protected override void ProcessRecord() => _members.Add((UserId, Cluster));

    protected override void EndProcessing()
    {
        if (_members.Count == 0)
        {
            ThrowTerminatingError(Refusal("NoUsers", RefusalCategory.InvalidArgument, "No clustered users came in: there is nothing to summarise.",
                "Pipe Get-UserCluster output into Get-ClusterTopMovie."));
        }
        var (top, popularCount) = (Top ?? ClusterTopMovies.DefaultTop, PopularCount ?? ClusterTopMovies.DefaultPopularCount);
        var rows = Run(() => ClusterTopMovies.Compute(Ratings, _members, top, MinLikes, popularCount));
        foreach (var cluster in _members.GroupBy(m => m.Cluster).OrderBy(g => g.Key))
        {
            var found = rows.Count(r => r.Cluster == cluster.Key);
            var least = MinLikes ?? ClusterTopMovies.MinLikesFor(cluster.Count());
            if (found < top)
                WriteWarning($"Cluster {cluster.Key} ({cluster.Count()} users) has {found} movie(s) liked by at least {least} of its members; lower -MinLikes to see more.");
            else if (rows.FirstOrDefault(r => r.Cluster == cluster.Key) is { } first)
                WriteVerbose(string.Create(CultureInfo.InvariantCulture,
                    $"Cluster {cluster.Key}: {first.ClusterSize} users, {first.PopularShare:P0} of its top {found} among the {popularCount} most-rated movies"));
        }
        WriteObject(rows, enumerateCollection: true);
    }
}
