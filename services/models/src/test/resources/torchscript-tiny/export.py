# Usage: java ... io.vigil.models.text.TorchScriptFixture <this dir>  (prints VOCAB GOOD BAD), then
# /usr/bin/python3 export.py VOCAB GOOD BAD model.pt   (Debian python3-torch 1.13)
# Exports a tiny TorchScript text classifier (embedding bag + linear) with fixed weights, the
# fixture for TorchScriptTextModelTest. Input: input_ids int64 (B,T), attention_mask int64 (B,T).
import sys, torch

class Tiny(torch.nn.Module):
    def __init__(self, vocab: int):
        super().__init__()
        torch.manual_seed(0)
        self.emb = torch.nn.Embedding(vocab, 2)
        with torch.no_grad():
            self.emb.weight.zero_()
            self.emb.weight[int(sys.argv[2]), 0] = 4.0   # "good" -> class 1 ("pos")
            self.emb.weight[int(sys.argv[3]), 1] = 4.0   # "bad"  -> class 0 ("neg")

    def forward(self, input_ids, attention_mask):
        m = attention_mask.unsqueeze(-1).float()
        e = (self.emb(input_ids) * m).sum(1) / m.sum(1).clamp(min=1.0)
        return torch.stack([e[:, 1], e[:, 0]], dim=1)

vocab = int(sys.argv[1])
torch.jit.script(Tiny(vocab)).save(sys.argv[4])
