@{
    Synopsis    = 'Trains the study''s user encoder on the triplets a pair strategy mines.'
    Description = @'
Invoke-EncoderTraining mines (anchor, positive, negative) user triplets from the train part of a RatingSet with a pair strategy, and trains a user encoder on them with Adam and the triplet margin loss. The encoder is the study's: an embedding of the user id (1024), a hidden layer (600) with ReLU, an output layer (200) and L2 normalisation. The defaults are the study's; each parameter's help gives its default for each objective and encoder.

Each training step encodes the distinct users of its batch once and gathers the anchor, positive and negative rows from that, which gives the same loss as encoding every row and is faster. The same -Seed gives the same embeddings, bit for bit, on the same machine with the same number of threads.

Progress shows the epoch, batch and loss; -Verbose logs the loss of every epoch. Ctrl+C stops within one batch and emits nothing; with -PartialModelPath the model as trained so far is saved to that file first.

-Objective UserMovie trains the same encoder against movie embeddings learned alongside it, instead of against other users: each user's embedding is pulled towards the movies they rated in the train part and pushed from all others by a softmax (InfoNCE) over cosine similarities divided by -Temperature, plus a per-movie bias; catalogues above 50,000 movies use sampled negatives with the log-frequency correction. Such a model scores movies directly. -Encoder Profile (with UserMovie) reads a user's rated movies and ratings instead of the user id, so it can embed people who were not in the training data. -Encoder Graph (with UserMovie) is LightGCN-style: a vector per user and per movie, propagated together over the train user-movie graph for -Layers steps with weights 1/sqrt(deg user x deg movie) and averaged over the layers, at every step; its cost grows with the number of ratings. -ContrastWeight adds an XSimGCL-style contrastive term between noise-perturbed views. A Graph model embeds a newcomer one propagation step from the movies they rated. -PairWeight adds the study's triplet loss from -Strategy. Unless named, UserMovie takes its own defaults, chosen on a validation split carved from the train part (each parameter's help gives them).

The output is a trained model with the strategy, the hyper-parameters, the loss of each epoch (LossHistory), the mining statistics, the training time and the RatingSet with its split.
'@
    Parameters  = @{
        InputObject      = 'The RatingSet to train on, usually from Import-MovieLens on the pipeline. Only its train part is used.'
        Strategy         = 'A preset number (1-4; Tab lists them with their settings), Sampled (the strategy for implicit data: each interaction''s positive is another user of the item, its negative a user who never used it), or a strategy from New-PairStrategy. On implicit data the study''s presets are refused (NeedsExplicitRatings).'
        Epochs           = 'Passes over the triplets (UserMovie: over the users). The default depends on the objective and encoder (Default value, with Get-Help -Full or -Parameter).'
        BatchSize        = 'Triplets per step (UserMovie: users per step). With the Graph encoder each step propagates over every train rating, so on large sets give larger batches, e.g. 8192.'
        LearningRate     = 'Adam''s learning rate.'
        Margin           = 'Triplet loss margin: how much farther the negative must be than the positive (UserMovie: used with -PairWeight).'
        Seed             = 'Seeds the weights, the mining and the shuffles.'
        RowWiseUpdates   = 'Update the id encoder''s user embedding table row by row: each step gathers the rows of its batch''s users, takes their gradient only and applies Adam (with the decay, for UserMovie) to those rows and their moments, each row bias-corrected by its own step count; other users'' rows stay exactly as they were. With UserMovie on a catalogue above 50,000 movies (sampled negatives), the movie vectors and biases are updated the same way: a step touches its candidate movies only. A step then costs what its batch touches rather than the whole tables, which on large sets (ml-25m''s 162,541 users) is most of the work. Unset, the size decides: row by row when the user table has more than 16 million parameters (users x -EmbeddingSize; about 15,600 users at 1024), so ml-latest-small and ml-1m train with the study''s dense Adam and their results do not change. -RowWiseUpdates forces it on, -RowWiseUpdates:$false off. The two differ slightly (untouched rows'' moments do not decay). The Profile encoder has no user table and refuses it. The model records what was used in Options.RowWiseUpdates. Training refuses (error ContrastiveRec.TrainingMemory) a run whose tables and Adam moments would not fit in the memory available; a row-wise table needs 3 copies (weights, two moments), a dense one 5 (with its gradient and a step''s temporary).'
        ThreadCount      = 'libtorch threads for this training, put back afterwards. Unset: libtorch''s count, one per core. A fixed count takes the core count out of what a seeded run''s bits depend on; 1 suits several trainings in parallel.'
        EmbeddingSize    = 'Size of the user-id embedding (the study''s input_dim).'
        HiddenSize       = 'Size of the hidden layer (hidden_dim).'
        LatentSize       = 'Size of the output embedding (latent_dim).'
        Objective        = 'UserUser (default; the study''s triplets between users) or UserMovie (InfoNCE between users and the movies they rated).'
        Encoder          = 'Id (default; a learned vector per user), Profile (a rating-weighted bag of the user''s rated movies) or Graph (a vector per user propagated with the movies'' over the train user-movie graph, LightGCN-style); Profile and Graph only with -Objective UserMovie, and both embed people who were not in training.'
        Temperature      = 'UserMovie: the softmax temperature over cosine similarities.'
        PairWeight       = 'UserMovie: weight of the study''s triplet loss (pairs mined by -Strategy) added to the user-movie loss; 0 leaves it out.'
        WeightDecay      = 'UserMovie: decoupled weight decay of the optimiser (AdamW); the study''s objective trains with plain Adam, without it.'
        InputDropout     = 'Profile encoder: share of a user''s rated movies hidden from its input at each step, so it learns to generalise.'
        DislikedWeight   = 'UserMovie: weight in the loss of a movie the user rated below the set''s relevance threshold (3.5 on MovieLens), against 1 for the movies they liked; 1 counts every rated movie alike, 0 learns from likes only. The default was chosen on validation.'
        CountWeighting   = 'UserMovie on implicit data (interactions counted, not rated): weigh each interaction in the loss by how many times it occurred, as implicit-feedback models weigh confidence; without it each counts once. It changes nothing on explicit ratings. Off by default: no validation run could show it helps yet (docs/results.md).'
        Layers           = 'Graph encoder: propagation layers over the train user-movie graph; a user''s vector is the mean of its own and each layer''s. 0 trains the vectors without propagation. The default was chosen on validation.'
        ContrastWeight   = 'Graph encoder: weight of the contrastive term (in the manner of XSimGCL): the propagation is perturbed with noise of length -NoiseScale at each layer, and each batch user''s and rated movie''s final vector is pulled towards its own first-layer vector and pushed from the others'' (InfoNCE, temperature 0.2); 0 leaves it out.'
        NoiseScale       = 'Graph encoder with -ContrastWeight: length of the random vector added to each propagated layer, in the direction of the layer''s own signs.'
        PartialModelPath = 'If the run is stopped (Ctrl+C), the model as trained so far is saved to this file (read it with Import-EncoderModel). Without it, a stopped run leaves nothing. An existing file is refused before training starts (error ContrastiveRec.ModelFileExists) unless -Force is given, and so is a folder (ContrastiveRec.ModelPathIsFolder): the same rule as every writer of the module.'
        Force            = 'Let -PartialModelPath replace an existing file.'
        WhatIf           = 'Train, but keep nothing if the run is stopped: shows the -PartialModelPath file that would be written. Training is the cmdlet''s job and is not skipped; only the file is.'
        Confirm          = 'Ask, before training starts, whether a stopped run may write -PartialModelPath.'
        Name             = 'The model''s name in Measure-RecallAtK results (Model), Get-Recommendation rows, Export-RecallChart legends and saved files: one line of 1 to 100 characters (else error ContrastiveRec.InvalidModelName, before training starts). Omitted, the model is named after its strategy or encoder, as before names existed: Strategy 4, Custom strategy, UserMovie (Profile), UserMovie (Id, pairs x0.1). Name two models of the same strategy to tell their results apart.'
    }
    Defaults    = @{
        ThreadCount    = 'libtorch''s count, one per core'
        RowWiseUpdates = 'Decided by size: row by row above {{RowWiseAutomaticAbove}} user-table parameters'
    }
    Inputs      = @{ 'ContrastiveRec.Data.RatingSet' = 'A rating set.' }
    Outputs     = @{ 'ContrastiveRec.Training.TrainedEncoder' = 'The trained model, shown as a table row.' }
    Examples    = @(
        @{ Title = 'The study''s Strategy 4'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 2'; Remarks = 'Use the default 20 epochs to reproduce the study; 2 keep the example quick.' }
        @{ Title = 'A custom strategy, with the loss per epoch'; Code = '$model = Import-MovieLens | Invoke-EncoderTraining -Strategy (New-PairStrategy 3 -MinLikers 5) -Epochs 2 -Verbose; $model.LossHistory'; Remarks = '-Verbose logs each epoch''s loss; LossHistory keeps it.' }
        @{ Title = 'Train against movies instead of users'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Objective UserMovie -Epochs 3 | Measure-RecallAtK'; Remarks = 'A UserMovie model scores movies directly; with its default 60 epochs it matches the EASE baseline on the bundled set (see README).' }
        @{ Title = 'The graph encoder, and a newcomer'; Code = '$graph = Import-MovieLens | Invoke-EncoderTraining -Objective UserMovie -Encoder Graph -Epochs 2; $graph | Get-Recommendation -Ratings @{ MovieId = 1; Rating = 5 }, @{ MovieId = 2571; Rating = 4.5 } -Top 5'; Remarks = 'With its default 60 epochs it is one of the strongest models on the bundled set (see README); a newcomer''s vector is one propagation step from the movies they rated.' }
        @{ Title = 'Two models of one strategy, told apart by name'; Code = '$ratings = Import-MovieLens; $small = @{ Strategy = 4; Epochs = 1; EmbeddingSize = 64; HiddenSize = 64; LatentSize = 32 }; $a = $ratings | Invoke-EncoderTraining @small -Name ''S4, lr 1e-4''; $b = $ratings | Invoke-EncoderTraining @small -LearningRate 1e-3 -Name ''S4, lr 1e-3''; $a, $b | Measure-RecallAtK -K 10'; Remarks = 'Each result''s Model is the name given; without -Name both would be Strategy 4. ConvertTo-Json of a model gives its summary (name, settings, losses, data) with enums as names.' }
        @{ Title = 'Keep what was learned if you stop early'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -PartialModelPath ./partial.crec'; Remarks = 'Press Ctrl+C during a long run and the model trained so far is in partial.crec.' }
    )
    Links       = @('New-PairStrategy', 'Get-UserEmbedding', 'Export-EncoderModel')
}
