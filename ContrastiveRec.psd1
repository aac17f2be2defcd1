# The module's one manifest: version and exports live here; the assemblies take their version from it.
# build.ps1 ships it in out/ContrastiveRec/ with RootModule pointing at the binary module and the
# 'out/ContrastiveRec/' prefixes removed and only the built runtime's platform tag (Linux, Windows or MacOS) kept;
# from the repo root it loads that built module as its root.
@{
    RootModule           = 'out/ContrastiveRec/ContrastiveRec.psd1'
    ModuleVersion        = '0.1.0'
    GUID                 = '5d0f3c52-8f3e-4c59-9a57-2f4f0b7d1c11'
    Author               = 'ContrastiveRec contributors'
    CompanyName          = 'ContrastiveRec'
    Copyright            = '(c) 2026 ContrastiveRec contributors. Code: MIT licence (LICENSE). Bundled MovieLens ml-latest-small data: (c) GroupLens Research, University of Minnesota, research use only, no commercial use without their permission (LICENSE-DATA.txt, data/ml-latest-small/README.txt).'
    Description          = 'Learns user embeddings from movie ratings by contrastive learning (TorchSharp over libtorch, CPU) and recommends movies with them. Each package carries libtorch for one platform, named by its tag: Linux (linux-x64), Windows (win-x64) or MacOS (osx-arm64). The bundled MovieLens data is for non-commercial research use only (LICENSE-DATA.txt); the code is MIT.'
    # The assemblies target net10.0: PowerShell 7.6 is the first built on .NET 10 (7.4 runs .NET 8, 7.5 .NET 9).
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('out/ContrastiveRec/ContrastiveRec.Format.ps1xml')
    # Loaded before the type data, which names a type of each (ContrastiveRec.Types.ps1xml).
    RequiredAssemblies   = @('out/ContrastiveRec/ContrastiveRec.dll', 'out/ContrastiveRec/ContrastiveRec.PowerShell.dll')
    TypesToProcess       = @('out/ContrastiveRec/ContrastiveRec.Types.ps1xml')
    CmdletsToExport      = @(
        'Import-MovieLens'
        'ConvertTo-RatingSet'
        'Import-RatingSet'
        'Split-RatingSet'
        'Measure-RatingSet'
        'New-PairStrategy'
        'Get-ContrastivePair'
        'Invoke-EncoderTraining'
        'Get-UserEmbedding'
        'Export-UserEmbedding'
        'Export-EncoderModel'
        'Import-EncoderModel'
        'ConvertTo-Tsne'
        'Get-UserCluster'
        'Measure-UserCluster'
        'Get-ClusterTopMovie'
        'Export-EmbeddingPlot'
        'Get-Recommendation'
        'Get-SimilarMovie'
        'Get-SimilarUser'
        'New-BaselineRecommender'
        'Measure-RecallAtK'
        'Compare-RecallAtK'
        'Invoke-StrategyComparison'
        'Invoke-ParameterSearch'
        'Export-RecallChart'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            # PSEdition_Core and the platform names are the tags the PowerShell Gallery filters by.
            Tags         = @('PSEdition_Core', 'Linux', 'Windows', 'MacOS', 'recommender', 'contrastive-learning', 'MovieLens', 'TorchSharp', 'embeddings')
            # The code's licence; the bundled data's terms differ (Copyright, ReleaseNotes, LICENSE-DATA.txt).
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = @'
0.1.0
- First packaged release: 19 cmdlets that import MovieLens data, mine contrastive pairs, train user encoders
  (the study's four strategies, and UserMovie objectives with Id, Profile and Graph encoders), recommend, compare
  with baselines (MostPopular, UserKnn, ItemKnn, EASE) by recall@K, and draw t-SNE maps and charts.
- One platform per package (linux-x64, win-x64 or osx-arm64), with only the native libraries it loads; importing
  on another platform stops with an error naming the package or build to use. Only linux-x64 has been run.
- Needs PowerShell 7.6 or newer (.NET 10).
- Bundles MovieLens ml-latest-small (GroupLens Research): non-commercial research use only, see LICENSE-DATA.txt.
  The code is under the MIT licence (LICENSE).
'@
        }
    }
}
