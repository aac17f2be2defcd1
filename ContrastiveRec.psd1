# The module's one manifest: version and exports live here; the assemblies take their version from it.
# build.ps1 ships it in out/ContrastiveRec/ with RootModule pointing at the binary module and the
# 'out/ContrastiveRec/' prefixes removed; from the repo root it loads that built module as its root.
@{
    RootModule           = 'out/ContrastiveRec/ContrastiveRec.psd1'
    ModuleVersion        = '0.1.0'
    GUID                 = '5d0f3c52-8f3e-4c59-9a57-2f4f0b7d1c11'
    Author               = 'ContrastiveRec contributors'
    CompanyName          = 'ContrastiveRec'
    Copyright            = '(c) ContrastiveRec contributors. MIT licence. Bundled MovieLens data: see data/ml-latest-small/README.txt.'
    Description          = 'Learns user embeddings from movie ratings by contrastive learning (TorchSharp) and recommends movies with them.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('out/ContrastiveRec/ContrastiveRec.Format.ps1xml')
    CmdletsToExport      = @(
        'Import-MovieLens'
        'Split-RatingSet'
        'Measure-RatingSet'
        'New-PairStrategy'
        'Get-ContrastivePair'
        'Invoke-EncoderTraining'
        'Get-UserEmbedding'
        'Export-EncoderModel'
        'Import-EncoderModel'
        'ConvertTo-Tsne'
        'Get-UserCluster'
        'Measure-UserCluster'
        'Get-ClusterTopMovie'
        'Export-EmbeddingPlot'
        'Get-Recommendation'
        'New-BaselineRecommender'
        'Measure-RecallAtK'
        'Invoke-StrategyComparison'
        'Export-RecallChart'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('recommender', 'contrastive-learning', 'MovieLens', 'TorchSharp', 'embeddings')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
