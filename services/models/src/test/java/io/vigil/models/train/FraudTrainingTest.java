package io.vigil.models.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.models.features.TransactionFeaturizer;
import io.vigil.models.features.Txn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FraudTrainingTest {

    @TempDir
    Path dir;

    private static List<FraudTraining.Labelled> rows(int n, int... fraudRows) {
        List<FraudTraining.Labelled> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = 0;
            for (int f : fraudRows) {
                label |= f == i ? 1 : 0;
            }
            out.add(new FraudTraining.Labelled(new Txn("a" + i, "b", 10, "TRANSFER", null, i * 60_000L), label, "test"));
        }
        return out;
    }

    @Test
    void devCutIsTheRowQuantileUnlessTooFewFraudsFallAfterIt() {
        // 100 rows, 10 frauds spread evenly: 2 of 10 (20%) fall after the 80% row quantile (row 80), which stays
        assertThat(FraudTraining.devCut(rows(100, 3, 13, 23, 33, 43, 53, 63, 73, 83, 93))).isEqualTo(80 * 60_000L);
        // 5 frauds in the first half: the cut moves to the 5th fraud (80% fraud quantile), row 50
        assertThat(FraudTraining.devCut(rows(100, 10, 20, 30, 40, 50))).isEqualTo(50 * 60_000L);
        assertThat(FraudTraining.devCut(rows(100))).isEqualTo(80 * 60_000L);
    }

    @Test
    void devOfADatasetWhoseFraudsClusterEarlyStillHoldsFrauds() {
        // like Sparkov: all frauds between 30% and 50% of the time span
        List<FraudTraining.Labelled> r = rows(200, 60, 65, 70, 75, 80, 85, 90, 95, 99);
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<Boolean> dev = new ArrayList<>();
        List<String> src = new ArrayList<>();
        FraudTraining.replay(r, x, y, dev, src);
        int devFrauds = 0;
        int trainFrauds = 0;
        for (int i = 0; i < y.size(); i++) {
            if (dev.get(i)) {
                devFrauds += y.get(i);
            } else {
                trainFrauds += y.get(i);
            }
        }
        assertThat(devFrauds).isEqualTo(2); // 9 frauds: from the 8th (index (int) (9 * 0.8) = 7, row 95) on
        assertThat(trainFrauds).isEqualTo(7);
        // a pure time cut: every dev row is later than every training row
        int firstDev = dev.indexOf(true);
        assertThat(dev.subList(firstDev, dev.size())).doesNotContain(false);
        assertThat(firstDev).isEqualTo(95);
    }

    @Test
    void paySimReadsOnlyTheBalanceBeforeTheTransaction() throws Exception {
        // the after-the-fact balance columns hold junk: reading any of them would fail to parse
        Path csv = dir.resolve("paysim.csv");
        Files.writeString(csv, """
                step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,newbalanceDest,isFraud,isFlaggedFraud
                1,TRANSFER,181.0,C1305486145,181.0,never-read,C553264065,never-read,never-read,1,0
                2,PAYMENT,9839.64,C1231006815,170136.0,never-read,M1979787155,never-read,never-read,0,0
                """);
        List<FraudTraining.Labelled> r = FraudTraining.readPaySim(csv);
        assertThat(r).hasSize(2);
        assertThat(r.get(0).txn()).isEqualTo(new Txn("C1305486145", "C553264065", 181.0, "TRANSFER", null,
                TransactionFeaturizer.HOUR_MS, 181.0));
        assertThat(r.get(0).label()).isEqualTo(1);
        assertThat(r.get(1).txn().balanceBefore()).isEqualTo(170136.0);
    }
}
