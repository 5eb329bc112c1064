package io.seqlearn.train;

import io.seqlearn.layers.Layer;
import io.seqlearn.layers.LayerCall;
import io.seqlearn.layers.LayerOutput;
import io.seqlearn.layers.SymbolicShapes;
import io.seqlearn.layers.SymbolicTensor;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph of layer calls from named inputs to outputs, as Keras' functional API. Several inputs and outputs,
 * shared layers (one layer called twice shares its weights) and side inputs (an RNN's lengths or initial
 * state) are supported. Inputs are named by {@code Input.of}; outputs by the layer that produces them.
 *
 * <pre>{@code
 * SymbolicTensor tokens = Input.of("tokens", -1), lengths = Input.of("lengths");
 * SymbolicTensor h = new LSTM(64).call(Map.of(Layer.X, new Embedding(1000, 32).call(tokens), "lengths", lengths)).get(0);
 * FunctionalModel m = Model.of(List.of(tokens, lengths), List.of(new Dense(2).named("label").call(h)));
 * }</pre>
 */
public class FunctionalModel extends Model {
    private final List<SymbolicTensor> inputs;
    private final List<SymbolicTensor> outputs;
    private final List<LayerCall> calls;
    private final List<Layer> layers;
    private final List<String> outputNames;
    private boolean built;

    FunctionalModel(String name, List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
        super(name);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        checkInputs();
        this.calls = GraphOrder.calls(name, this.inputs, this.outputs);
        List<Layer> ls = new ArrayList<>();
        for (LayerCall c : calls) {
            if (ls.stream().noneMatch(l -> l == c.layer())) {
                LayerNames.assign(c.layer(), ls);
                ls.add(c.layer());
                registerModule(c.layer().name(), c.layer());
            }
        }
        this.layers = List.copyOf(ls);
        this.outputNames = nameOutputs();
    }

    private void checkInputs() {
        if (inputs.isEmpty() || outputs.isEmpty()) throw new IllegalArgumentException(name() + ": needs inputs and outputs");
        Set<String> names = new LinkedHashSet<>();
        for (SymbolicTensor t : inputs) {
            if (!t.isInput()) throw new IllegalArgumentException(name() + ": " + t + " is not a model input; make inputs with Input.of");
            if (!names.add(t.inputName())) throw new IllegalArgumentException(name() + ": two inputs are named '" + t.inputName() + "'");
        }
    }

    private List<String> nameOutputs() {
        List<String> names = new ArrayList<>();
        for (SymbolicTensor t : outputs) {
            String base = t.isInput() ? t.inputName() : t.producer().layer().name() + (t.index() > 0 ? "_" + t.index() : "");
            String n = base;
            for (int k = 1; names.contains(n); k++) n = base + "_" + k;
            names.add(n);
        }
        return List.copyOf(names);
    }

    @Override
    public List<String> inputNames() { return inputs.stream().map(SymbolicTensor::inputName).toList(); }

    @Override
    public List<String> outputNames() { return outputNames; }

    @Override
    public List<Layer> layers() { return layers; }

    /** The layer calls in execution order. */
    public List<LayerCall> calls() { return calls; }

    @Override
    public boolean isBuilt() { return built; }

    @Override
    protected boolean tryBuild() {
        if (!built) build();
        return true;
    }

    /** Creates every layer's weights from the symbolic shapes, seeding layer i with mix(seed, "init", i). */
    public FunctionalModel build() {
        if (built) return this;
        seedLayers();
        for (LayerCall c : calls) c.layer().build(c.inputs().get(Layer.X).shape());
        built = true;
        return this;
    }

    @Override
    protected void buildFor(Map<String, int[]> inputShapes) { build(); }

    @Override
    protected Map<String, Tensor> run(Map<String, Tensor> given) {
        tryBuild();
        Map<SymbolicTensor, Tensor> values = new IdentityHashMap<>();
        Map<SymbolicTensor, Tensor> masks = new IdentityHashMap<>();
        for (SymbolicTensor in : inputs) {
            Tensor t = given.get(in.inputName());
            checkShape(in, t);
            values.put(in, t);
        }
        for (LayerCall c : calls) {
            Map<String, Tensor> args = new LinkedHashMap<>();
            c.inputs().forEach((role, sym) -> args.put(role, values.get(sym)));
            LayerOutput o = c.layer().call(args, masks.get(c.inputs().get(Layer.X)));
            for (int i = 0; i < c.outputs().size(); i++) values.put(c.outputs().get(i), o.outputs().get(i));
            if (o.mask() != null) masks.put(c.outputs().get(0), o.mask());
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size(); i++) out.put(outputNames.get(i), values.get(outputs.get(i)));
        return out;
    }

    private void checkShape(SymbolicTensor in, Tensor t) {
        int[] want = in.shape();
        int[] got = t.shapeRef();
        boolean ok = want.length == got.length;
        for (int i = 0; ok && i < got.length; i++) ok = want[i] < 0 || want[i] == got[i];
        if (!ok) {
            throw new ShapeException(name() + ": input '" + in.inputName() + "' expected " + SymbolicShapes.str(want)
                    + ", got " + io.seqlearn.tensor.Shapes.str(got));
        }
    }

    @Override
    public String summary() {
        tryBuild();
        SummaryTable t = SummaryTable.functional(name());
        for (SymbolicTensor in : inputs) t.row(in.inputName() + " (InputLayer)", SymbolicShapes.str(in.shape()), "0", "[]");
        for (Layer l : layers) {
            List<LayerCall> mine = calls.stream().filter(c -> c.layer() == l).toList();
            List<String> from = new ArrayList<>();
            for (LayerCall c : mine) c.inputs().values().forEach(s -> from.add(ref(s)));
            List<SymbolicTensor> outs = mine.get(0).outputs();
            String shape = outs.size() == 1 ? SymbolicShapes.str(outs.get(0).shape())
                    : "[" + String.join(", ", outs.stream().map(o -> SymbolicShapes.str(o.shape())).toList()) + "]";
            t.row(l.name() + " (" + l.typeName() + ")", shape, String.valueOf(l.parameterCount()), String.join(", ", from));
        }
        return t.render(parameterCount(), Sequential.bufferCount(this), Sequential.bytesPerParam(this));
    }

    /** Keras' "layer[call][output]" notation for where a tensor comes from. */
    private String ref(SymbolicTensor s) {
        if (s.isInput()) return s.inputName() + "[0][0]";
        Layer l = s.producer().layer();
        int callIndex = 0;
        for (LayerCall c : calls) {
            if (c == s.producer()) break;
            if (c.layer() == l) callIndex++;
        }
        return l.name() + "[" + callIndex + "][" + s.index() + "]";
    }

    @Override
    public Map<String, Object> architecture() {
        tryBuild();
        return GraphOrder.describe(this, inputs, outputs, calls, layers);
    }
}
